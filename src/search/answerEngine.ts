import type { Knowledge } from '../knowledge/schema.ts';
import { createReplyBuilder } from '../reply/buildReply.ts';
import { noRowMessage } from '../reply/replyMessages.ts';
import type { RecordKind, RecordRef, Reply, Unstated } from '../reply/replyModel.ts';
import { maxQuestionLength } from '../text/normalizeText.ts';
import { comparisonWords, definitionFrame, describeAsked, readIntent, statedRole, statedStatus, type QuestionIntent } from './intent.ts';
import { runInSlices, runToEnd, type BuildSteps } from './buildSteps.ts';
import { createKeywordIndex, keywordIndexSteps, type IndexDocument, type KeywordIndexTuning, defaultKeywordIndexTuning, type Token, type WordMatchIn } from './keywordIndex.ts';
import { completeNames, maxChoices, nameablesOf, nameCompleterSteps, type Nameable, type NamedChoice } from './completeNames.ts';
import { createQueryTextPipeline } from './queryText.ts';
import { normalizeText } from '../text/normalizeText.ts';
import { isFrameStem, topicWeightOfStem } from '../text/wordCommonness.ts';

export interface EngineTuning {
  /** A best match scoring at least this is good enough to answer… */
  readonly answerThreshold: number;
  /** …when it is also this far ahead of the best other record. */
  readonly answerMargin: number;
  /**
   * A weaker best match is still answered when it stands alone: this far ahead of the runner-up,
   * scoring at least `leadThreshold`, and sharing at least two words with the question (one shared
   * word is how off-topic questions reach a record).
   */
  readonly leadThreshold: number;
  readonly leadMargin: number;
  /** Below this nothing is even suggested. */
  readonly suggestThreshold: number;
  /** Suggestions stay within this distance of the best match. */
  readonly suggestionWindow: number;
  readonly maxSuggestions: number;
  /** Added to glossary terms when the wording asks for a definition ("what is X"). */
  readonly definitionBonus: number;
  /** Taken from glossary terms when the wording does not ask for a definition: an FAQ answer fits better. */
  readonly termPenalty: number;
  /** Added to the table when the wording asks for a comparison ("old vs new"). */
  readonly comparisonBonus: number;
  /** A table row is picked out when it scores at least this. */
  readonly rowThreshold: number;
  /** A follow-up answered on its own at least this surely needs no context from the previous answer. */
  readonly followUpConfidence: number;
  /** How much the previous answer's words count when a follow-up is read in its context. */
  readonly followUpContextWeight: number;
  /** A follow-up with a word the knowledge lacks, at least this much a topic word (0..1), is not read in the previous answer's context. */
  readonly followUpNewWordWeight: number;
  /** Shorter unknown words are as often chat slang as names: a reply names none of them as unmentioned. */
  readonly minUnmentionedNameLength: number;
  /** A follow-up of at most this many words with a pronoun ("it", "that") is always read in the previous answer's context. */
  readonly followUpPointingWords: number;
  /** How much the other questions of a two-question message count when one of them is read. */
  readonly otherQuestionsWeight: number;
  /**
   * Two FAQ records that name each other as related, both scoring at least this and too close to
   * tell apart ("is the revenue share still a thing?": which direction?), are answered together.
   */
  readonly pairThreshold: number;
  readonly index: KeywordIndexTuning;
}

export const defaultEngineTuning: EngineTuning = {
  answerThreshold: 0.5,
  answerMargin: 0.04,
  leadThreshold: 0.38,
  leadMargin: 0.15,
  suggestThreshold: 0.3,
  suggestionWindow: 0.2,
  maxSuggestions: 3,
  definitionBonus: 0.15,
  termPenalty: 0.1,
  comparisonBonus: 0.3,
  rowThreshold: 0.6,
  followUpConfidence: 0.6,
  followUpContextWeight: 0.5,
  followUpNewWordWeight: 0.5,
  minUnmentionedNameLength: 5,
  followUpPointingWords: 8,
  otherQuestionsWeight: 0.2,
  pairThreshold: 0.5,
  index: defaultKeywordIndexTuning,
};

interface EngineRecord extends RecordRef {
  /** Position in its knowledge list (faq or terms); 0 for the table. */
  readonly position: number;
}

/** A record and how well it matched, after the intent adjustments; for explaining a reply. */
export interface RankedCandidate {
  readonly record: RecordRef;
  readonly score: number;
  /** Question words (stems) and the record's words they matched: "microsfot" → microsoft (0.85). */
  readonly matches: readonly WordMatchIn[];
  /** False when the record lacks what the question asks for (`Explanation.asksFor`), so it cannot be the answer. */
  readonly statesWhatIsAsked: boolean;
}

/** What the engine made of a question and which records it weighed: for `ask --explain`. */
export interface Explanation {
  /** The question part, rewritten (chat register, synonyms, active voice, base forms). */
  readonly question: string;
  /** The context around the question, which counts for little. */
  readonly context: string;
  readonly act: Reply['act'];
  /** The separate questions found in the message, when there are several. */
  readonly questions: readonly string[];
  /** What the question asks for that a record must state to answer it: "a percentage"; empty for most questions. */
  readonly asksFor: readonly string[];
  readonly candidates: readonly RankedCandidate[];
}

export interface AskOptions {
  /** The record the bot answered last in this conversation: a follow-up ("and until when?") is read in its context. */
  readonly previous?: RecordRef;
}

/** The transport-neutral bot: knowledge in, replies out. Same knowledge + same question → same reply. */
export interface AnswerEngine {
  readonly knowledge: Knowledge;
  ask(question: string, options?: AskOptions): Reply;
  /** What the engine read in the question and the candidates `ask` chose from, best first. */
  explain(question: string): Explanation;
  /** The record an answer was titled with (a FAQ question, a term, the table's title), for reading follow-ups to it. */
  recordTitled(title: string): RecordRef | null;
  /** The reply for one record, as when a member picks it from a list or a suggestion. */
  replyFor(kind: RecordKind, id: string): Reply | null;
  /** The comparison table, or only the row that `feature` names. */
  compare(feature?: string): Reply;
  /** The FAQ record or term that `text` names (id, title, alias) or best matches, within that kind only. */
  lookup(kind: 'faq' | 'term', text: string): Reply;
  /** Autocomplete choices for FAQ questions, terms or table rows, best first, at most 25. */
  complete(list: 'faq' | 'term' | 'row', typed: string): NamedChoice[];
}

export type { NamedChoice };

export function createAnswerEngine(knowledge: Knowledge, tuning: EngineTuning = defaultEngineTuning): AnswerEngine {
  return runToEnd(answerEngineSteps(knowledge, tuning));
}

/**
 * Builds the engine in slices of about `sliceMs`, letting the event loop run in between: a bot
 * reloading a large knowledge base keeps answering from the old engine meanwhile.
 */
export function buildAnswerEngine(knowledge: Knowledge, { tuning = defaultEngineTuning, sliceMs }: { tuning?: EngineTuning; sliceMs?: number } = {}): Promise<AnswerEngine> {
  return runInSlices(answerEngineSteps(knowledge, tuning), sliceMs);
}

function* answerEngineSteps(knowledge: Knowledge, tuning: EngineTuning): BuildSteps<AnswerEngine> {
  const text = createQueryTextPipeline(knowledge.synonyms, knowledge.concepts);
  const replies = createReplyBuilder(knowledge);
  const { table } = knowledge;

  const records: EngineRecord[] = [];
  const recordByKey = new Map<string, EngineRecord>();
  /** The text a record is indexed by besides its phrasings. */
  const bodyOf = (record: EngineRecord): string => {
    if (record.kind === 'faq') {
      const faq = knowledge.faq[record.position]!;
      return [faq.answer, faq.quote ?? ''].join('\n');
    }
    if (record.kind === 'term') return knowledge.terms[record.position]!.definition;
    return [...table.columns, ...table.rows.flatMap((row) => [row.feature, ...row.cells])].join('. ');
  };
  // The documents are referred to by no function that outlives the build: they, and the phrasing
  // lists made for them, are dropped once the index is built.
  const docs: IndexDocument[] = [];
  const add = (record: EngineRecord, phrasings: readonly string[]): IndexDocument => {
    const key = keyOf(record);
    records.push(record);
    // Filled record by record, like the rest: one map of every record at once is a long pause at 10,000 records.
    recordByKey.set(key, record);
    return new RecordDocument(key, phrasings, record, bodyOf);
  };
  yield;
  for (const [position, faq] of knowledge.faq.entries()) {
    docs.push(add({ kind: 'faq', id: faq.id, title: faq.question, position }, [faq.question, ...faq.alternates]));
    yield;
  }
  for (const [position, term] of knowledge.terms.entries()) docs.push(add({ kind: 'term', id: term.id, title: term.term, position }, [term.term, ...term.aliases]));
  docs.push(add({ kind: 'table', id: table.id, title: table.title, position: 0 }, [table.title, ...table.triggers]));
  // Only glossary terms and the table are ever boosted, by what the wording asks for: four maps, made once.
  const termKeys = records.filter((record) => record.kind === 'term').map(keyOf);
  const tableKey = keyOf({ kind: 'table', id: table.id, title: table.title });
  const boostMaps = [false, true].map((definition) =>
    [false, true].map((comparison) => {
      const boosts = new Map<string, number>(termKeys.map((key) => [key, definition ? tuning.definitionBonus : -tuning.termPenalty]));
      if (comparison) boosts.set(tableKey, tuning.comparisonBonus);
      return boosts;
    }),
  );
  const boostsFor = (intent: QuestionIntent): ReadonlyMap<string, number> => boostMaps[Number(intent.definition)]![Number(intent.comparison)]!;

  yield;
  const relatedPairs = new Set(
    knowledge.faq.flatMap((faq) => faq.related.flatMap((id) => [`faq:${faq.id} faq:${id}`, `faq:${id} faq:${faq.id}`])),
  );
  // Worked out for a record the first time a question asks for a figure and it is a candidate, not
  // for every body at build: few records ever are (the text is made again, to keep no copy of every body).
  const figuresByKey = new Map<string, StatedFigures>();
  const figuresOf = (record: EngineRecord): StatedFigures => {
    const key = keyOf(record);
    let stated = figuresByKey.get(key);
    if (stated === undefined) {
      stated = statedFigures(bodyOf(record));
      figuresByKey.set(key, stated);
    }
    return stated;
  };
  /**
   * "How much did Microsoft invest?" is not answered by a record that states no figure at all, nor
   * "what percent?" by one without a percentage, nor "is azure cheaper than aws?" by one that judges
   * nothing, nor "who runs microsoft?" by one that names nobody's role, nor "is aws down?" by one
   * that speaks of no outage.
   */
  const unstatedIn = (intent: QuestionIntent, record: EngineRecord): Unstated | null => {
    const { judgment } = intent;
    if (judgment && !judgment.stated.test(bodyOf(record)) && !(judgment.aboutPrice && figuresOf(record).price)) return { kind: 'judgment', words: judgment.asked };
    if (intent.leadership && !statedRole.test(bodyOf(record))) return { kind: 'role' };
    if (intent.status && !statedStatus.test(bodyOf(record))) return { kind: 'status' };
    if (!intent.figure && !intent.percentage && !intent.quantity) return null;
    const stated = figuresOf(record);
    if (intent.percentage && !stated.percentage) return { kind: 'percentage' };
    if (intent.quantity && !stated.quantity) return { kind: 'amount' };
    if (intent.figure && !stated.figure) return { kind: 'figure' };
    return null;
  };
  yield;
  const recordIndex = yield* keywordIndexSteps(docs, text.tokens, tuning.index, topicWeightOfStem);
  const rowIndex = createKeywordIndex(
    table.rows.map((row, i) => ({ id: String(i), phrasings: [row.feature, ...row.aliases], body: '' })),
    text.tokens,
    tuning.index,
  );

  const faqNames: Nameable[] = [];
  for (const faq of knowledge.faq) {
    faqNames.push(...nameablesOf(faq.id, faq.question, faq.alternates));
    yield;
  }
  const namesOf = {
    faq: faqNames,
    term: knowledge.terms.flatMap((term) => nameablesOf(term.id, term.term, term.aliases)),
    row: table.rows.flatMap((row) => nameablesOf(row.feature, row.feature, row.aliases)),
  } satisfies Record<string, Nameable[]>;
  const completers = { faq: yield* nameCompleterSteps(namesOf.faq), term: yield* nameCompleterSteps(namesOf.term), row: yield* nameCompleterSteps(namesOf.row) };

  const replyForRecord = (record: EngineRecord, question: string, confidence: number): Reply => {
    if (record.kind === 'faq') return replies.faq(knowledge.faq[record.position]!, question, confidence);
    if (record.kind === 'term') return replies.term(knowledge.terms[record.position]!, question, confidence);
    return replies.table(question, confidence);
  };

  /** The single table row the question names, if it names one clearly. */
  const rowNames = table.rows.map((row) => [row.feature, ...row.aliases].map(text.canonical));
  const pickRow = (canonicalQuestion: string): number | null => {
    const exact = rowNames.findIndex((names) => names.includes(canonicalQuestion));
    if (exact >= 0) return exact;
    const rest = canonicalQuestion.replace(comparisonWords, ' ');
    const [best, second] = rowIndex.rank(text.tokensOf(rest));
    if (!best || best.score < tuning.rowThreshold) return null;
    if (second && best.score - second.score < tuning.answerMargin) return null;
    return Number(best.id);
  };

  const termByName = new Map(
    records.filter((record) => record.kind === 'term').flatMap((record) => {
      const term = knowledge.terms[record.position];
      return term ? [term.term, ...term.aliases].map((name) => [text.canonical(name), record] as const) : [];
    }),
  );
  const definedTerm = (canonical: string): EngineRecord | null => {
    const object = canonical.replace(definitionFrame, '').trim();
    return termByName.get(object) ?? null;
  };

  /** Enough candidates for the best, the runner-up and every suggestion. */
  const candidateLimit = tuning.maxSuggestions + 2;

  const rankRecords = (
    canonical: string,
    { kind, tokens = text.tokensOf(canonical), withMatches = false }: { kind?: RecordKind; tokens?: readonly Token[]; withMatches?: boolean } = {},
  ) => {
    const intent = readIntent(canonical);
    const boosts = boostsFor(intent);
    const ranked = recordIndex
      // Records further below the best than any suggestion may be left unranked: common words alone
      // need not bring them in.
      .rank(tokens, { limit: candidateLimit, within: tuning.suggestionWindow, boosts, withMatches, ...(kind ? { accept: (key: string) => recordByKey.get(key)?.kind === kind } : {}) })
      .map(({ id, score, matchedWords, matches }) => ({ record: recordByKey.get(id)!, score, matchedWords, matches }));
    return { intent, ranked };
  };

  /**
   * A message bringing a topic word the knowledge lacks ("how much is openai *worth*?" after the
   * revenue share) asks something new: reading it in the previous answer's context would only
   * dress the previous topic up as its answer. Everyday words ("what *problem* is it solving?") do not count.
   */
  const asksSomethingNew = (tokens: readonly Token[]) =>
    recordIndex.unknownWords(tokens).some((token) => topicWeightOfStem(token.stem) >= tuning.followUpNewWordWeight);

  /**
   * A reply that is no answer, told which names of the question no record mentions ("does anthropic
   * run claude on google cloud?"): the member learns why, not only what else there is. Names are
   * words no record has in any form or spelling and that are no everyday English word.
   */
  const withUnmentionedNames = (reply: Reply, tokens: readonly Token[], rawQuestion: string): Reply => {
    if (reply.status === 'answered' || reply.act || reply.unstated) return reply;
    // At most as many as a question gets spell-checked: a long message of gibberish costs no more.
    const inQuestion = tokens
      .filter((token) => token.contextWeight === undefined && !token.familiar && (token.word?.length ?? 0) >= tuning.minUnmentionedNameLength)
      .slice(0, tuning.index.maxCorrectedWords);
    const names = recordIndex
      .unknownWords(inQuestion)
      .flatMap((token) => (token.word && isUnmentionedName(token.word) ? [asWritten(rawQuestion, token.word)] : []))
      .slice(0, 3);
    if (names.length === 0) return reply;
    const unstated: Unstated = { kind: 'names', words: names };
    return reply.status === 'suggestions' ? { ...reply, unstated } : replies.noMatch(reply.question, reply.confidence, unstated);
  };

  /** The record a reply puts first: its answer, or its first suggestion. */
  const topOf = (reply: Reply): string | null => {
    const top = reply.status === 'answered' ? reply : reply.suggestions[0];
    return top?.kind ? `${top.kind}:${top.id}` : null;
  };

  /** The reply for one question: an answer when the best record is good and ahead, else suggestions or nothing. */
  const decide = (rawQuestion: string, canonical: string, tokens: readonly Token[]): Reply => {
    const { intent, ranked } = rankRecords(canonical, { tokens });
    // "what is vendor lock-in?" names a glossary term exactly: that is the answer, whatever else matches.
    const defined = intent.definition ? definedTerm(canonical) : null;
    if (defined) return replyForRecord(defined, rawQuestion, 1);
    const [best, second] = ranked;
    if (!best || best.score < tuning.suggestThreshold) return replies.noMatch(rawQuestion, round(Math.max(0, best?.score ?? 0)));

    const confidence = round(Math.min(1, best.score));
    const lead = best.score - (second?.score ?? 0);
    // One word ("microsoft") names a topic, not a question: it gets a glossary term, never an FAQ answer.
    // Unless the rest of the question only frames it ("what does the article say about datacenters?")
    // and one record is far ahead: the question is what the source says on that topic.
    const enoughWords = best.matchedWords >= 2 || best.record.kind !== 'faq' || (lead >= tuning.leadMargin && framesOneTopic(tokens));
    const goodAndAhead = best.score >= tuning.answerThreshold && lead >= tuning.answerMargin && enoughWords;
    const standsAlone = best.score >= tuning.leadThreshold && lead >= tuning.leadMargin && best.matchedWords >= 2;
    const unstated = unstatedIn(intent, best.record);
    if ((goodAndAhead || standsAlone) && !unstated) {
      if (best.record.kind === 'table') {
        const row = intent.comparison ? pickRow(canonical) : null;
        return replies.table(rawQuestion, confidence, row === null ? undefined : [row]);
      }
      return replyForRecord(best.record, rawQuestion, confidence);
    }
    // Neither of two closely related records is clearly meant: both answers, each with its source,
    // say more than a "did you mean" and cannot state one side as the whole truth.
    // Exactly two: when a third is as close ("revenue share?"), it is a topic, not a question between two answers.
    const third = ranked[2];
    if (
      second &&
      !unstated &&
      (!third || second.score - third.score >= tuning.answerMargin) &&
      second.score >= tuning.pairThreshold &&
      lead < tuning.answerMargin &&
      second.matchedWords >= 2 &&
      relatedPairs.has(`${keyOf(best.record)} ${keyOf(second.record)}`) &&
      !unstatedIn(intent, second.record)
    ) {
      return { ...replyForRecord(best.record, rawQuestion, confidence), also: [replyForRecord(second.record, rawQuestion, round(Math.min(1, second.score)))] };
    }

    const suggested = ranked
      .filter((entry) => entry.score >= tuning.suggestThreshold && entry.score >= best.score - tuning.suggestionWindow)
      .slice(0, tuning.maxSuggestions);
    const candidates = suggested.map(({ record }) => ({ kind: record.kind, id: record.id, title: record.title }));
    // "The sources don't give that percentage" only when none of the records offered gives one.
    const unstatedByAll = unstated && suggested.every(({ record }) => unstatedIn(intent, record) !== null) ? unstated : null;
    return replies.suggestions(rawQuestion, confidence, candidates, unstatedByAll);
  };

  return {
    knowledge,

    explain(rawQuestion) {
      const read = text.read(rawQuestion);
      const { intent, ranked } = rankRecords(read.canonical, { tokens: read.tokens, withMatches: true });
      const candidates = ranked.map(({ record, score, matches }) => ({
        record: { kind: record.kind, id: record.id, title: record.title },
        score: round(score),
        matches: matches.map((match) => ({ ...match, similarity: round(match.similarity) })),
        statesWhatIsAsked: unstatedIn(intent, record) === null,
      }));
      const questions = read.questions.length > 1 ? read.questions : [];
      return { question: read.canonical, context: read.context, act: read.act, questions, asksFor: describeAsked(intent), candidates };
    },

    ask(rawQuestion, options = {}) {
      const read = text.read(rawQuestion);
      if (read.act) return replies.dialogue(rawQuestion, read.act);
      const whole = decide(rawQuestion, read.canonical, read.tokens);

      if (read.questions.length >= 2) {
        // Each question is read with the others as its context: in "when does the licence end and
        // is it still exclusive?", "it" is the licence.
        const canonicalParts = read.questions.map((part) => text.canonical(part));
        const parts = canonicalParts.map((part, i) => {
          const others = canonicalParts.filter((_, k) => k !== i).join(' ');
          return decide(rawQuestion, part, [...text.tokensOf(part), ...text.tokensOf(others, { weight: tuning.otherQuestionsWeight })]);
        });
        const ids = new Set(parts.map((reply) => `${reply.kind}:${reply.id}`));
        const [first, ...rest] = parts;
        if (first && ids.size === parts.length && parts.every((reply) => reply.status === 'answered')) return { ...first, also: rest };
        // One part answered clearly, the whole message ranking that record first: its answer stands,
        // though the rest of the message ("…and what's the point?") blurred the whole.
        const answered = parts.filter((reply) => reply.status === 'answered');
        const [only] = answered;
        if (whole.status !== 'answered' && answered.length === 1 && only && topOf(whole) === `${only.kind}:${only.id}`) return only;
      }

      // The question without its context, when the context blurred it but points the same way.
      if (whole.status !== 'answered' && read.context) {
        const alone = decide(rawQuestion, read.canonical, read.tokens.filter((token) => token.contextWeight === undefined));
        if (alone.status === 'answered' && topOf(whole) === topOf(alone)) return alone;
      }

      const { previous } = options;
      // A short reply pointing back ("and what does it do for openai itself?") is about the previous
      // answer, however well it reads alone.
      const pointsBack = () => pointingBack.test(read.canonical) && read.canonical.split(' ').length <= tuning.followUpPointingWords;
      const clearAlone = whole.status === 'answered' && whole.confidence >= tuning.followUpConfidence;
      if (previous && (!clearAlone || pointsBack()) && !asksSomethingNew(read.tokens)) {
        const context = text.tokensOf(text.canonical(previous.title), { weight: tuning.followUpContextWeight });
        const inContext = decide(rawQuestion, read.canonical, [...read.tokens, ...context]);
        if (inContext.status === 'answered') return inContext;
      }
      return withUnmentionedNames(whole, read.tokens, rawQuestion);
    },

    recordTitled(title) {
      const record = records.find((candidate) => candidate.title === title);
      return record ? { kind: record.kind, id: record.id, title: record.title } : null;
    },

    replyFor(kind, id) {
      const record = records.find((candidate) => candidate.kind === kind && candidate.id === id);
      return record ? replyForRecord(record, record.title, 1) : null;
    },

    lookup(kind, rawText) {
      const query = rawText.slice(0, maxQuestionLength);
      const normalized = normalizeText(query);
      const named = namesOf[kind].find(({ match, value }) => value === query.trim() || match === normalized);
      if (named) return this.replyFor(kind, named.value) ?? replies.noMatch(rawText, 0);
      const { ranked } = rankRecords(text.canonical(query), { kind });
      const [best, second] = ranked;
      if (!best || best.score < tuning.suggestThreshold) return replies.noMatch(rawText, round(Math.max(0, best?.score ?? 0)));
      if (best.score >= tuning.leadThreshold && best.score - (second?.score ?? 0) >= tuning.answerMargin) {
        return replyForRecord(best.record, rawText, round(Math.min(1, best.score)));
      }
      const refs = ranked.slice(0, tuning.maxSuggestions).map(({ record }) => ({ kind: record.kind, id: record.id, title: record.title }));
      return replies.suggestions(rawText, round(Math.min(1, best.score)), refs);
    },

    complete(list, typed) {
      const choices = completers[list].complete(typed);
      if (choices.length >= maxChoices || list === 'row' || !typed.trim()) return choices;
      // Nothing spelled like that: fall back to what the question means.
      const seen = new Set(choices.map((choice) => choice.value));
      const byMeaning = rankRecords(text.canonical(typed), { kind: list })
        .ranked.filter((entry) => entry.score >= tuning.suggestThreshold && !seen.has(entry.record.id))
        .map(({ record }) => ({ name: record.title, value: record.id }));
      return [...choices, ...byMeaning].slice(0, maxChoices);
    },

    compare(feature) {
      if (!feature?.trim()) return replies.table('', 1);
      const canonical = text.canonical(feature);
      const row = pickRow(canonical);
      if (row !== null) return replies.table(feature, 1, [row]);
      // Rows named about equally well ("revenue share": both directions) are shown together, in table order;
      // so are rows whose names hold what was typed ("cloud dep"), once it is long enough to mean something.
      const ranked = rowIndex.rank(text.tokensOf(canonical));
      const named = ranked.filter((entry) => entry.score >= tuning.rowThreshold).map((entry) => Number(entry.id));
      const spelled = normalizeText(feature).length >= 3 ? completeNames(namesOf.row, feature).map((choice) => table.rows.findIndex((candidate) => candidate.feature === choice.value)) : [];
      const shown = (named.length > 0 ? named : spelled).sort((a, b) => a - b);
      if (shown.length > 0) return replies.table(feature, 1, shown);
      // No row: say so, closest rows first, rather than the whole table as if it were the answer.
      const order = [...new Set([...ranked.map((entry) => Number(entry.id)), ...table.rows.keys()])];
      return { ...replies.noMatch(feature, 0), body: noRowMessage(feature, order.flatMap((i) => table.rows[i]?.feature ?? [])) };
    },
  };
}

const pointingBack = /\b(it|its|itself|that|this|those|these|they|them|one)\b/;

// Number words, units and currencies. "One" and "once" are as often a pronoun or "at one time"
// ("no longer pays one"): they state a figure, not an amount.
const amountWords =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|half|twice|double|dozen|(?:giga|mega|kilo)?watts?|(?:giga|mega|kilo)?watt-scale|dollars?|cents?|euros?|pounds?';
const figureWords = new RegExp(`\\d|\\b(one|once|percent|percentage|${amountWords})\\b|[$€£%]`, 'i');
const quantityWords = new RegExp(`\\d|\\b(${amountWords})\\b|[$€£%]`, 'i');

/** What kinds of figure a record's text states. */
interface StatedFigures {
  /** Any figure at all: a digit, a number word, a unit or currency. */
  readonly figure: boolean;
  /** An amount or a count: a figure other than a year, and more than the word "percentage" ("at the same percentage" is no amount). */
  readonly quantity: boolean;
  /** A percentage itself: "at the same percentage" names none. */
  readonly percentage: boolean;
  /** A price: an amount of money, such as "$2.75" or "25 cents". */
  readonly price: boolean;
}

function statedFigures(text: string): StatedFigures {
  return {
    figure: figureWords.test(text),
    quantity: quantityWords.test(text.replace(/\b(19|20)\d\d\b/g, ' ')),
    percentage: /\d\s*(%|percent\b)|\b(one|two|three|four|five|ten|twenty|fifty|hundred) percent\b/i.test(text),
    price: /[$€£]\s?\d|\d\s*(dollars?|cents?|euros?|pounds?)\b/i.test(text),
  };
}

/**
 * A record as the index reads it. Its body is made when the index reads it: made for every record
 * up front, megabytes of text would outlive young-generation collections only to be dropped after
 * the build. A class, not an object literal with a getter: that would be a dictionary-mode object
 * and a closure for each record.
 */
class RecordDocument implements IndexDocument {
  constructor(
    readonly id: string,
    readonly phrasings: readonly string[],
    private readonly record: EngineRecord,
    private readonly bodyOf: (record: EngineRecord) => string,
  ) {}

  get body(): string {
    return this.bodyOf(this.record);
  }
}

/** How the index names a record: kinds have separate id spaces in principle. */
function keyOf(record: RecordRef): string {
  return `${record.kind}:${record.id}`;
}

/** Whether every word of the question but one only frames it ("what does the article say about X?"). */
function framesOneTopic(tokens: readonly Token[]): boolean {
  let frames = 0;
  let topics = 0;
  for (const token of tokens) {
    if (token.contextWeight !== undefined) continue;
    if (isFrameStem(token.stem)) frames++;
    else topics++;
  }
  return frames > 0 && topics === 1;
}

// A name is letters (and digits after them); one ending in a doubled letter is more likely a drawn-out
// chat word ("lmaoo", "yesss") than a name.
const isUnmentionedName = (word: string) => /^[a-z][a-z0-9]*$/.test(word) && !/([a-z])\1$/.test(word);

/** `word` (normalised) as the member wrote it in `raw`: "Anthropic", not "anthropic". */
function asWritten(raw: string, word: string): string {
  return raw.match(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu'))?.[0] ?? word;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
