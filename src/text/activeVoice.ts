const maxObjectWords = 4;
const auxiliaries = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'gets', 'getting', 'got', 'gotten', 'am']);
// "does microsoft get paid by openai": the question opens with a form of "do" before the patient.
const questionOpeners = new Set(['do', 'does', 'did']);
const adverbs = new Set(['still', 'now', 'also', 'even', 'really', 'currently', 'already', 'always', 'actually', 'not', 'no', 'longer', 'ever', 'just', 'going', 'to']);
// Where the agent of "paid by X" ends: the next clause or a phrase about something else.
const agentEnds = new Set(['and', 'or', 'but', 'under', 'through', 'until', 'till', 'for', 'in', 'on', 'to', 'with', 'since', 'after', 'before', 'because', 'if', 'anymore', 'now', 'still', 'at', 'as']);

/**
 * Turns a passive clause into the active one it means, so word order says who does what:
 * "is microsoft still getting paid by openai" → "is openai still pay microsoft", matching
 * "does openai still pay microsoft". `baseFormOf` maps a participle to its verb ("paid" → "pay")
 * and returns other words unchanged; regular participles end in "ed" ("owned by").
 */
export function toActiveVoice(words: readonly string[], baseFormOf: (word: string) => string): string[] {
  const by = words.indexOf('by');
  if (by < 2) return [...words];
  // The participle may have an object between it and "by" ("paid a revenue share by…").
  let at = by - 1;
  const isParticiple = (word: string) => baseFormOf(word) !== word || word.endsWith('ed');
  while (at > 0 && by - at <= maxObjectWords && !isParticiple(words[at] as string)) at--;
  const participle = words[at] as string;
  if (!isParticiple(participle)) return [...words];
  const verb = baseFormOf(participle);
  const object = words.slice(at + 1, by);

  // Walk back over "still getting" to the auxiliary that opens the passive.
  let start = at - 1;
  while (start >= 0 && (auxiliaries.has(words[start] as string) || adverbs.has(words[start] as string))) start--;
  if (start < 0) return [...words];
  const patientEnd = start; // inclusive
  // A question puts the auxiliary before the patient ("is microsoft paid by…"), a statement after it.
  let auxiliary = patientEnd - 1;
  while (auxiliary >= 0 && !auxiliaries.has(words[auxiliary] as string) && !questionOpeners.has(words[auxiliary] as string)) auxiliary--;
  const chain = words.slice(patientEnd + 1, at);
  if (auxiliary < 0 && !chain.some((word) => auxiliaries.has(word))) return [...words];
  const patientStart = auxiliary + 1;

  let agentEnd = by + 1;
  while (agentEnd < words.length && !agentEnds.has(words[agentEnd] as string)) agentEnd++;
  const agent = words.slice(by + 1, agentEnd);
  if (agent.length === 0 || agent.length > 4 || agent.every((word) => /^\d+$/.test(word))) return [...words];

  const opening = words.slice(0, patientStart);
  const patient = words.slice(patientStart, patientEnd + 1);
  const between = chain.filter((word) => adverbs.has(word));
  return [...opening, ...agent, ...between, verb, ...patient, ...object, ...words.slice(agentEnd)];
}
