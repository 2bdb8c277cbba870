import type { Explanation } from '../answer/answerEngine.ts';

/**
 * What the engine read and why each candidate scored as it did, for a moderator deciding which
 * alternate or synonym would make a missed question reach its record.
 */
export function renderExplanation(explanation: Explanation): string {
  const lines = [`read as:   ${explanation.question || '(nothing left to match)'}`];
  if (explanation.context) lines.push(`context:   ${explanation.context}  (counts for little)`);
  if (explanation.act) lines.push(`chat:      ${explanation.act} (never answered with a record)`);
  if (explanation.questions.length > 0) lines.push(`questions: ${explanation.questions.map((q) => `“${q}”`).join(' · ')}`);
  if (explanation.asksFor.length > 0) lines.push(`asks for:  ${explanation.asksFor.join('; ')} — only a record stating it can answer`);
  if (!explanation.act) lines.push(`decision:  ${explanation.policy} — ${explanation.verdict}`);
  lines.push('candidates:');
  if (explanation.candidates.length === 0) lines.push('  (none)');
  for (const candidate of explanation.candidates) {
    const words = candidate.matches.map(({ stem, word, similarity }) => (stem === word ? word : `${stem}→${word} (${similarity})`));
    const lacking = candidate.statesWhatIsAsked ? '' : '  (does not state what is asked)';
    const elsewhere = candidate.otherTopicWords.length > 0 ? `  (about something else: the question names ${candidate.otherTopicWords.join(', ')})` : '';
    lines.push(`  ${candidate.score.toFixed(3)}  ${candidate.record.kind}:${candidate.record.id}  matched: ${words.join(', ') || '-'}${lacking}${elsewhere}`);
  }
  return lines.join('\n');
}
