import { formatProblem, type KnowledgeProblem } from '../../knowledge/knowledgeProblem.ts';
import type { ConfusionsFound, Refusal } from '../../moderation/moderationService.ts';
import type { KnowledgeChanges, KnowledgeCounts, StoreStats } from '../../store/knowledgeStore.ts';
import { joinWithin, truncate } from '../render/safeText.ts';

// Discord messages hold 2,000 characters; long lists end with "…and N more".
const messageMax = 1900;

export function formatCounts(counts: KnowledgeCounts): string {
  return `${counts.faq} FAQ records, ${counts.terms} terms, ${counts.tableRows} table rows, ${counts.sources} sources, ${counts.synonymGroups} synonym groups`;
}

export function formatChanges(changes: KnowledgeChanges): string {
  const parts = [
    changes.added.length ? `added ${changes.added.join(', ')}` : '',
    changes.changed.length ? `changed ${changes.changed.join(', ')}` : '',
    changes.removed.length ? `removed ${changes.removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no records changed';
}

/** Every problem, one per line, as `npm run validate` prints them, within one message. */
export function formatProblems(heading: string, problems: readonly KnowledgeProblem[]): string {
  const body = joinWithin(
    problems.map((problem) => truncate(formatProblem(problem), 300)),
    messageMax - heading.length - 10,
    (count) => `…and ${count} more (run npm run validate for the full list)`,
  );
  return `${heading}\n\`\`\`\n${body}\n\`\`\``;
}

/**
 * The phrasings the bot answers with another record when asked with themselves left out: the tally,
 * then one line each (unrelated records first), within what is left of a message after `used` characters.
 */
export function formatConfusions(report: ConfusionsFound['report'], used = 0): string {
  const share = (n: number) => `${Math.round((100 * n) / Math.max(1, report.asked))}%`;
  const heading =
    `**Phrasings asked with themselves left out** (${report.asked}): ${share(report.right)} reach their own record, ` +
    `${share(report.wrong)} another, ${share(report.related)} a related one, ${share(report.unsure)} get suggestions or nothing.`;
  if (report.confusions.length === 0) return `${heading}\nNo phrasing reaches another record.`;
  const lines = report.confusions.map(({ record, phrasing, answeredWith, related }) => `faq:${record} "${truncate(phrasing, 120)}" → ${answeredWith}${related ? ' (related)' : ''}`);
  const hint = 'Add a phrasing that tells the two apart, or move the phrasing to the record it asks about.';
  const body = joinWithin(lines, messageMax - used - heading.length - hint.length - 20, (count) => `…and ${count} more (npm run validate -- --confusions lists them all)`);
  return `${heading}\n\`\`\`\n${body}\n\`\`\`\n${hint}`;
}

export function formatStats(stats: StoreStats): string {
  const last = stats.lastResult === null ? 'none since start' : stats.lastResult.ok ? 'valid, swapped in' : `refused (${stats.lastResult.problemCount} problems; still serving the last good knowledge)`;
  return [
    `**Knowledge version ${stats.version}**, loaded <t:${Math.floor(stats.loadedAt.getTime() / 1000)}:R>`,
    formatCounts(stats.counts),
    `Last reload: ${stats.lastReloadAt ? `<t:${Math.floor(stats.lastReloadAt.getTime() / 1000)}:R> (${stats.lastReason ?? 'unknown'})` : 'none'} — ${last}`,
    `Watching the files for changes: ${stats.watching ? 'yes' : 'no'}`,
  ].join('\n');
}

/**
 * A refused moderator action in Discord's words: the service's message, with the file's problems listed and the
 * next step named as a /kb command.
 */
export function refusalText(refusal: Refusal): string {
  switch (refusal.reason) {
    case 'unreadable_file':
      return formatProblems(`⚠️ ${refusal.fileName} has problems; fix them first:`, refusal.problems);
    case 'log_unreadable':
      return `${refusal.message} The bot log says why.`;
    case 'gap_gone':
      return `${refusal.message} Run /kb gaps again.`;
    default:
      return refusal.message;
  }
}
