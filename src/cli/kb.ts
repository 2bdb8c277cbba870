import 'dotenv/config';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { openKnowledge } from '../app/openKnowledge.ts';
import { dataDirFromEnv } from '../config/botConfig.ts';
import { databaseUrlOf, databaseUrlProblem } from '../config/databaseUrl.ts';
import { knowledgeDirFromEnv } from '../config/knowledgeSettings.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import { createModerationService, type Edited, type ModerationService, type Moderator, type RecordKind, type Refusal } from '../moderation/moderationService.ts';
import type { GapRow } from '../questionLog/gapReport.ts';
import { databaseFileName, QuestionLog } from '../questionLog/questionLog.ts';
import { renderPlainText } from '../render/renderPlainText.ts';
import { readLimitsOrUsageError, UsageError } from './cliArgs.ts';
import { exitQuietlyWhenStdoutCloses } from './closedStdout.ts';
import { KbUsageError, kbUsage, parseKbArgs, type KbArgs, type KbCommand } from './kbArgs.ts';

exitQuietlyWhenStdoutCloses();

/** Exit codes: the action was done, the service refused it, the arguments were wrong. */
const done = 0;
const refused = 1;
const badArguments = 2;

/** What a command printed and how the process ends. */
type Outcome = { readonly code: number; readonly json: unknown; readonly text: string };

const gapOutcomeText = { no_match: 'no answer', suggestions: 'only suggestions', not_helpful: 'answer voted not helpful' } as const;

const changes = new Set<KbCommand['name']>(['add', 'save', 'remove', 'alternate', 'gap add', 'gap dismiss']);

async function main(): Promise<number> {
  let args: KbArgs;
  let limits: { readonly maxFileBytes: number };
  try {
    args = parseKbArgs(process.argv.slice(2));
    limits = readLimitsOrUsageError(process.env);
  } catch (error) {
    if (!(error instanceof KbUsageError) && !(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nRun npm run kb -- --help for every command and option.\n`);
    return badArguments;
  }
  const { command } = args;
  if (command === null) {
    process.stdout.write(`${kbUsage}\n`);
    return done;
  }
  if (changes.has(command.name) && args.moderator === null) {
    process.stderr.write('Say who makes this change, for the audit log: --as NAME, or set KB_MODERATOR.\n');
    return badArguments;
  }
  const databaseUrl = databaseUrlOf(process.env.DATABASE_URL);
  const urlProblem = databaseUrlProblem(process.env.DATABASE_URL);
  if (urlProblem !== null) {
    process.stderr.write(`${urlProblem}\n`);
    return badArguments;
  }
  const dataDir = dataDirFromEnv(process.env);
  const knowledgeDir = args.knowledgeDir ?? knowledgeDirFromEnv(process.env);
  const logger = pino({ level: 'warn', base: null }, pino.destination(2));

  const opened = await openKnowledge({ knowledgeDir, dataDir, maxKnowledgeFileBytes: limits.maxFileBytes, databaseUrl, watch: false }, logger);
  if (!opened.ok) {
    process.stderr.write(`✗ The knowledge in ${knowledgeDir} does not validate; nothing was changed:\n${opened.problems.map((p) => `  ${formatProblem(p)}\n`).join('')}`);
    return refused;
  }
  const { knowledge } = opened;
  const needsLog = command.name === 'gaps' || command.name.startsWith('gap ');
  if (needsLog && databaseUrl === undefined && !existsSync(path.join(dataDir, databaseFileName))) {
    await knowledge.close();
    process.stderr.write(`No question log at ${path.join(dataDir, databaseFileName)}: the bot creates it when it handles its first question (QUESTION_LOG=on). Set DATA_DIR if the bot uses another folder.\n`);
    return refused;
  }
  // Read and dismissed as the bot does, but never purged from here: retention is the bot's job.
  const questionLog = needsLog ? new QuestionLog({ dataDir, databaseUrl, enabled: true, retentionDays: 3650, purge: false, logger }) : undefined;
  try {
    // Opened before the first dismissal, which the log would otherwise not take.
    await questionLog?.ready();
    const service = createModerationService({ store: knowledge.store, writer: knowledge.writer, questionLog, logger });
    const outcome = await run(service, command, args);
    if (outcome.code === done) process.stdout.write(args.json ? `${JSON.stringify(outcome.json)}\n` : `${outcome.text}\n`);
    else process.stderr.write(args.json ? `${JSON.stringify(outcome.json)}\n` : `${outcome.text}\n`);
    return outcome.code;
  } finally {
    await questionLog?.close();
    await knowledge.close();
  }
}

async function run(service: ModerationService, command: KbCommand, args: KbArgs): Promise<Outcome> {
  // Checked by main before any command that changes something runs.
  const by = args.moderator ?? { id: 'terminal', tag: 'unknown' };
  switch (command.name) {
    case 'add':
      return edited(command.kind === 'faq' ? await service.records.add('faq', command.fields, by) : await service.records.add('term', command.fields, by));
    case 'open': {
      const opened = await service.records.open(command.kind, command.id);
      if (!opened.ok) return refusal(opened);
      return ok(opened, `${opened.kind}:${opened.id} version ${opened.version}\n${JSON.stringify(opened.record, null, 2)}`);
    }
    case 'save':
      return edited(await saveChanges(service, command, by));
    case 'remove':
      return edited(await service.records.remove(command.kind, command.id, command.version, by));
    case 'new-id':
    {
      const id = service.records.newId(command.title);
      return ok({ id }, id);
    }
    case 'alternate': {
      const added = await service.addAlternate(command.recordId, command.question, by);
      return added.ok ? alternateAdded({ ...added, question: command.question }) : refusal(added);
    }
    case 'gap add': {
      const added = await service.gaps.addAsAlternate(command.days, command.gapId, command.recordId, by);
      return added.ok ? alternateAdded(added) : refusal(added);
    }
    case 'gaps': {
      const listed = await service.gaps.gaps(command.days, command.guildId === null ? { kind: 'every server' } : { kind: 'own server', guildId: command.guildId });
      if (!listed.ok) return refusal(listed);
      const heading = `Questions the bot did not answer well, last ${command.days} day${command.days === 1 ? '' : 's'} (most asked first; act on one with its gap id):`;
      const text = listed.rows.length === 0 ? `No gaps in the last ${command.days} days: every question was answered and no answer was voted down.` : [heading, ...listed.rows.map(gapLine)].join('\n');
      return ok({ gaps: listed.rows }, text);
    }
    case 'gap records': {
      const offered = await service.gaps.recordsFor(command.days, command.gapId);
      if (!offered.ok) return refusal(offered);
      const lines = offered.records.map((record) => `  ${record.id}  ${record.title}`);
      const text = `FAQ records “${offered.gap.question}” could be a phrasing of (npm run kb -- gap add ${offered.gap.id} RECORD):\n${lines.length ? lines.join('\n') : '  none: the engine has no candidates; any FAQ record id works'}`;
      return ok({ gap: offered.gap, records: offered.records }, text);
    }
    case 'gap dismiss': {
      const dismissed = await service.gaps.dismiss(command.days, command.gapId);
      return dismissed.ok ? ok(dismissed, `✓ Dismissed “${dismissed.gap.question}”: it comes back only if members ask it again.`) : refusal(dismissed);
    }
  }
}

/** The record as its file holds it now with the fields given changed (an empty --quote takes the quote out), saved if the file still holds `version`. */
async function saveChanges(service: ModerationService, command: Extract<KbCommand, { name: 'save' }>, by: Moderator): Promise<Edited<RecordKind> | Refusal> {
  if (command.kind === 'faq') {
    const current = await service.records.read('faq', command.id);
    if (!current.ok) return current;
    const { id: _id, quote: oldQuote, ...kept } = current.record;
    const { quote: newQuote, ...changed } = command.changes;
    const quote = newQuote ?? oldQuote;
    return service.records.save('faq', command.id, command.version, { ...kept, ...changed, ...(quote ? { quote } : {}) }, by);
  }
  const current = await service.records.read('term', command.id);
  if (!current.ok) return current;
  const { id: _id, quote: oldQuote, ...kept } = current.record;
  const { quote: newQuote, ...changed } = command.changes;
  const quote = newQuote ?? oldQuote;
  return service.records.save('term', command.id, command.version, { ...kept, ...changed, ...(quote ? { quote } : {}) }, by);
}

const ok = (json: unknown, text: string): Outcome => ({ code: done, json, text });

function refusal(result: Refusal): Outcome {
  const problems = 'problems' in result && result.problems ? result.problems.map((problem) => `  ${formatProblem(problem)}`) : [];
  const next = result.reason === 'gap_gone' ? ' Run npm run kb -- gaps again.' : '';
  return { code: refused, json: result, text: [`✗ ${result.message}${next}`, ...problems].join('\n') };
}

function edited(result: Edited<RecordKind> | Refusal): Outcome {
  if (!result.ok) return refusal(result);
  const verb = result.action === 'add' ? 'Added' : result.action === 'update' ? 'Saved' : 'Removed';
  const served = result.servedVersion !== null ? ` Now serving knowledge version ${result.servedVersion}.` : '';
  const version = result.action === 'remove' ? '' : ` (version ${result.version})`;
  const preview = result.preview ? `\nMembers now see:\n${renderPlainText(result.preview)}` : '';
  return ok(result, `✓ ${verb} ${result.kind}:${result.id}${version}.${served}${preview}`);
}

function alternateAdded(result: Extract<Awaited<ReturnType<ModerationService['addAlternate']>>, { ok: true }> & { readonly question: string }): Outcome {
  const what = result.alreadyThere ? `“${result.question}” was already a phrasing of faq:${result.recordId}.` : `✓ Added “${result.question}” as a phrasing of faq:${result.recordId}.`;
  const regression =
    result.regression === 'added' ? 'Added to regressions.yaml.' : result.regression === 'listed' ? 'Already in regressions.yaml.' : `Not added to regressions.yaml: ${result.regression}.`;
  const reach = result.reachesRecord ? '' : `\n⚠ The question does not reach it yet (now: ${result.answer.status}); check the record with npm run kb -- faq open ${result.recordId}.`;
  return ok(result, `${what} ${regression}${reach}`);
}

function gapLine(row: GapRow): string {
  const lines = [`${row.id}  ${String(row.count).padStart(3)}×  “${row.question}” — ${gapOutcomeText[row.outcome]}, last asked ${new Date(row.lastAsked).toISOString().slice(0, 16).replace('T', ' ')} UTC`];
  if (row.membersChose) lines.push(`${' '.repeat(14)}members chose ${row.membersChose.kind}:${row.membersChose.id} (${row.membersChose.picks}×)`);
  return lines.join('\n');
}

process.exitCode = await main();
