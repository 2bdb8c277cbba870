import type { Knowledge } from '../knowledge/schema.ts';
import type { MeaningMatch } from '../meaning/phrasingIndex.ts';
import { noRowMessage } from '../reply/replyMessages.ts';
import type { AnsweredReply, Confidence, DialogueAct, RecordKind, RecordRef, Reply } from '../reply/replyModel.ts';
import { runInSlices, runToEnd } from '../search/buildSteps.ts';
import { maxChoices, type NamedChoice } from '../search/completeNames.ts';
import type { WordMatchIn } from '../search/keywordIndex.ts';
import { maxQuestionLength, normalizeText } from '../text/normalizeText.ts';
import { decide, lexicalVerdictOf, policyContextOf, type Decision } from './decide.ts';
import type { DecisionPolicy } from './decisionPolicy.ts';
import { answerMessage, type Stages } from './dialogue.ts';
import { engineSteps, type EngineParts } from './engineBuilder.ts';
import { defaultEngineTuning, type EngineTuning } from './engineTuning.ts';
import { fuseCandidates, type FusedCandidate, type MeaningFeatures } from './fuseCandidates.ts';
import { lexicalPolicy } from './lexicalPolicy.ts';
import { readQuestion, type Reading } from './readQuestion.ts';
import { keyOf, refOf } from './recordCatalog.ts';
import { answerReply, replyOfDecision } from './replyOfDecision.ts';
import { requirementRules, type RequirementRule } from './rules/index.ts';
import { readWording } from './wording.ts';

export { defaultEngineTuning, type EngineTuning } from './engineTuning.ts';
export type { NamedChoice };

/** A record and how it matched, in the order the decision weighed them; for explaining a reply. */
export interface ExplainedCandidate {
  readonly record: RecordRef;
  /** The lexical score, after the wording's boosts; 0 when only the encoder found the record. */
  readonly score: number;
  /** Question words (stems) and the record's words they matched: "microsfot" → microsoft (0.85). */
  readonly matches: readonly WordMatchIn[];
  /** False when the record lacks what the question asks for (`Explanation.asksFor`), so it cannot be the answer. */
  readonly statesWhatIsAsked: boolean;
  /** Topic words of the question no record knows, where the record misses a word it is about: then it cannot be the answer. */
  readonly otherTopicWords: readonly string[];
  /** What the sentence encoder says of the record, when it was asked. */
  readonly meaning: MeaningFeatures | null;
}

/** What the engine made of a question and which records it weighed: for `ask --explain`. */
export interface Explanation {
  /** The question part, rewritten (chat register, synonyms, active voice, base forms). */
  readonly question: string;
  /** The context around the question, which counts for little. */
  readonly context: string;
  readonly act: DialogueAct | null;
  /** The separate questions found in the message, when there are several. */
  readonly questions: readonly string[];
  /** What the question asks for that a record must state to answer it: "a percentage"; empty for most questions. */
  readonly asksFor: readonly string[];
  /** The decision policy that weighed the candidates ("lexical"). */
  readonly policy: string;
  /**
   * What that policy made of them and why, with the bars it met or missed ("answer: score 0.733,
   * 0.166 ahead of the next (answers from 0.6, 0.1 ahead)"). The requirement rules may still turn
   * an answer into suggestions (see the candidates).
   */
  readonly verdict: string;
  readonly candidates: readonly ExplainedCandidate[];
}

export interface AskOptions {
  /** The record the bot answered last in this conversation: a follow-up ("and until when?") is read in its context. */
  readonly previous?: RecordRef;
  /** The sentence encoder's closest records to the message (`MeaningSearch.nearest` for `read(…).meaningQuery`), when it was asked. */
  readonly meaning?: readonly MeaningMatch[] | null;
}

/** What the encoder should read for a message, and the records whose similarity the fused list needs. */
export interface MeaningQuery {
  readonly text: string;
  /** The lexical candidates (`kind:id`), for `MeaningSearch.nearest`'s `also`. */
  readonly also: readonly string[];
  /** How many of the encoder's closest records the fused list takes: `MeaningSearch.nearest`'s `limit`. */
  readonly limit: number;
}

/** The message as the engine reads it, before deciding anything: what an adapter asks the encoder. */
export interface MessageRead {
  /** Set when the message is only chat: there is nothing to look up. */
  readonly act: DialogueAct | null;
  /** Null when there is nothing for the encoder to read. */
  readonly meaningQuery: MeaningQuery | null;
}

/**
 * The transport-neutral bot: knowledge in, replies out. Same knowledge + same question (and the same
 * encoder neighbours) → same reply. Synchronous: an adapter that uses the sentence encoder awaits it
 * first and passes its neighbours in (`answerQuestion`).
 */
export interface AnswerEngine {
  readonly knowledge: Knowledge;
  /** The first stage alone: what to ask the encoder about the message. */
  read(question: string): MessageRead;
  ask(question: string, options?: AskOptions): Reply;
  /** What the engine read in the question and the candidates `ask` chose from, best first. */
  explain(question: string, options?: Pick<AskOptions, 'meaning'>): Explanation;
  /** The record an answer was titled with (a FAQ question, a term, the table's title), for reading follow-ups to it. */
  recordTitled(title: string): RecordRef | null;
  /** The reply for one record, as when a member picks it from a list or a suggestion. */
  replyFor(kind: RecordKind, id: string): AnsweredReply | null;
  /** The comparison table, or only the row that `feature` names. */
  compare(feature?: string): Reply;
  /** The FAQ record or term that `text` names (id, title, alias) or best matches, within that kind only. */
  lookup(kind: 'faq' | 'term', text: string): Reply;
  /** Autocomplete choices for FAQ questions, terms or table rows, best first, at most 25. */
  complete(list: 'faq' | 'term' | 'row', typed: string): NamedChoice[];
}

export interface EngineOptions {
  readonly tuning?: EngineTuning;
  /** How the decision weighs the fused features; default: the lexical thresholds of `tuning`. */
  readonly policy?: DecisionPolicy;
  /**
   * How it weighs them when `ask` is given the encoder's neighbours (`AskOptions.meaning`), such as
   * `fusedPolicy` of a fitted model; default: `policy`. Without neighbours `policy` decides.
   */
  readonly meaningPolicy?: DecisionPolicy;
  /** The requirement rules applied; default: every rule of `rules/index.ts`. */
  readonly rules?: readonly RequirementRule[];
}

export function createAnswerEngine(knowledge: Knowledge, options: EngineOptions = {}): AnswerEngine {
  return engineOf(runToEnd(engineSteps(knowledge, buildOptions(options))), options.meaningPolicy);
}

/**
 * Builds the engine in slices of about `sliceMs`, letting the event loop run in between: a bot
 * reloading a large knowledge base keeps answering from the old engine meanwhile.
 */
export async function buildAnswerEngine(knowledge: Knowledge, { sliceMs, ...options }: EngineOptions & { sliceMs?: number } = {}): Promise<AnswerEngine> {
  return engineOf(await runInSlices(engineSteps(knowledge, buildOptions(options)), sliceMs), options.meaningPolicy);
}

function buildOptions({ tuning = defaultEngineTuning, policy, rules = requirementRules }: EngineOptions) {
  return { tuning, policy: policy ?? lexicalPolicy(tuning), rules };
}

function engineOf(parts: EngineParts, meaningPolicy: DecisionPolicy = parts.policy): AnswerEngine {
  const { knowledge, tuning, reader, catalog, lexical, replies, rows, names, completers } = parts;
  const { records } = catalog;

  const policyFor = (meaning: readonly MeaningMatch[] | null) => (meaning ? meaningPolicy : parts.policy);
  const rowNamed = rows.rowNamed;
  /** What the lexical thresholds decide on the same list: one of the signals the meaning policy weighs. */
  const lexicalVerdict = (reading: Reading, fused: readonly FusedCandidate[]) =>
    lexicalVerdictOf(decide({ catalog, policy: parts.policy, rowNamed }, reading, fused));
  const stages: Stages = {
    reader,
    lexical,
    tuning,
    decideReading(reading, meaning) {
      const fused = fuseCandidates(catalog, reading, lexical.rank(reading), meaning, tuning.meaningCandidates);
      const policy = policyFor(meaning);
      if (policy === parts.policy) return decide({ catalog, policy, rowNamed }, reading, fused);
      return decide({ catalog, policy, rowNamed, lexical: lexicalVerdict(reading, fused) }, reading, fused);
    },
  };
  const replyOf = (decision: Decision, question: string) => replyOfDecision(parts, decision, question);

  return {
    knowledge,

    read(rawQuestion) {
      const reading = readQuestion(reader, rawQuestion);
      if (reading.act || !reading.canonical) return { act: reading.act, meaningQuery: null };
      const also = lexical.rank(reading).map(({ record }) => keyOf(records[record]!));
      return { act: null, meaningQuery: { text: encoderText(rawQuestion), also, limit: tuning.meaningCandidates } };
    },

    ask(rawQuestion, options = {}) {
      const reading = readQuestion(reader, rawQuestion);
      return replyOf(answerMessage(stages, reading, options), rawQuestion);
    },

    explain(rawQuestion, { meaning = null } = {}) {
      const reading = readQuestion(reader, rawQuestion);
      const fused = fuseCandidates(catalog, reading, lexical.rank(reading, { withMatches: true }), meaning, tuning.meaningCandidates);
      const policy = policyFor(meaning);
      const lexicalSays = policy === parts.policy ? null : lexicalVerdict(reading, fused);
      const rankedWithConfidence = policy.rank(fused, lexicalSays);
      const verdict = reading.act ? null : policy.judge(rankedWithConfidence, policyContextOf(catalog, lexicalSays));
      const ranked = rankedWithConfidence.map(({ candidate }) => candidate);
      // Then those the policy would never offer (found only by the encoder, for the lexical policy).
      const shown = [...ranked, ...fused.filter((candidate) => !ranked.includes(candidate))];
      return explanationOf(reading, policy.name, verdict ? `${verdict.action}: ${verdict.reason}` : 'chat: never answered with a record', shown.map((candidate) => ({
        record: refOf(records[candidate.record]!),
        score: round(candidate.features.lexicalScore),
        matches: (candidate.lexical?.matches ?? []).map((match) => ({ ...match, similarity: round(match.similarity) })),
        statesWhatIsAsked: candidate.unmet === null,
        otherTopicWords: candidate.lexical?.otherTopicWords ?? [],
        meaning: candidate.features.meaning,
      })));
    },

    recordTitled(title) {
      const record = records.find((candidate) => candidate.title === title);
      return record ? refOf(record) : null;
    },

    replyFor(kind, id) {
      const record = records.findIndex((candidate) => candidate.kind === kind && candidate.id === id);
      return record < 0 ? null : answerReply(parts, { record, confidence: certain, rows: null }, records[record]!.title);
    },

    lookup(kind, rawText) {
      const query = rawText.slice(0, maxQuestionLength);
      const normalized = normalizeText(query);
      const named = names[kind].find(({ match, value }) => value === query.trim() || match === normalized);
      if (named) return this.replyFor(kind, named.value) ?? replies.noMatch(rawText, score(0));
      const ranked = rankWithin(kind, query);
      const [best, second] = ranked;
      if (!best || best.score < tuning.suggestThreshold) return replies.noMatch(rawText, score(round(Math.max(0, best?.score ?? 0))));
      const confidence = score(round(Math.min(1, best.score)));
      if (best.score >= tuning.leadThreshold && best.score - (second?.score ?? 0) >= tuning.answerMargin) {
        return answerReply(parts, { record: best.record, confidence, rows: null }, rawText);
      }
      return replies.suggestions(rawText, confidence, ranked.slice(0, tuning.maxSuggestions).map(({ record }) => refOf(records[record]!)));
    },

    complete(list, typed) {
      const choices = completers[list].complete(typed);
      if (choices.length >= maxChoices || list === 'row' || !typed.trim()) return choices;
      // Nothing spelled like that: fall back to what the question means.
      const seen = new Set(choices.map((choice) => choice.value));
      const byMeaning = rankWithin(list, typed)
        .filter((entry) => entry.score >= tuning.suggestThreshold && !seen.has(records[entry.record]!.id))
        .map(({ record }) => ({ name: records[record]!.title, value: records[record]!.id }));
      return [...choices, ...byMeaning].slice(0, maxChoices);
    },

    compare(feature) {
      if (!feature?.trim()) return replies.table('', certain);
      const { shown, closest } = rows.rowsNamed(feature);
      if (shown.length > 0) return replies.table(feature, certain, shown);
      // No row: say so, closest rows first, rather than the whole table as if it were the answer.
      return { ...replies.noMatch(feature, score(0)), body: noRowMessage(feature, closest.flatMap((i) => knowledge.table.rows[i]?.feature ?? [])) };
    },
  };

  /** Records of one kind ranked by the words of `text`, as a lookup or autocomplete reads it. */
  function rankWithin(kind: RecordKind, rawText: string) {
    const canonical = reader.text.canonical(rawText);
    return lexical.rank({ tokens: reader.text.tokensOf(canonical), wording: readWording(canonical) }, { kind });
  }
}

function explanationOf(reading: Reading, policy: string, verdict: string, candidates: readonly ExplainedCandidate[]): Explanation {
  return {
    question: reading.canonical,
    context: reading.context,
    act: reading.act,
    questions: reading.parts,
    asksFor: reading.asked.map(({ rule, ask }) => rule.explain(ask)),
    policy,
    verdict,
    candidates,
  };
}

/** What the encoder reads: the message without its Discord mentions, which say who is addressed, not what is asked. */
function encoderText(raw: string): string {
  return raw.replace(/<(@[!&]?|#)\d+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A lookup's confidence: its lexical score (lookups never ask the encoder). */
function score(value: number): Confidence {
  return { scale: 'score', value };
}

/** A record named outright (picked from a list, a button, /compare): nothing to doubt. */
const certain = score(1);

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
