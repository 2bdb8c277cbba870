import { runToEnd, type BuildSteps } from '../search/buildSteps.ts';
import { stopwords } from '../search/stopwords.ts';
import { isFamiliarWord } from '../text/familiarWords.ts';
import { stemOf } from '../text/stem.ts';

/**
 * Who acts on whom: "openai pays microsoft" is the relation openai → microsoft by "pay". Two names of
 * the knowledge with the words between them that say what one does to the other. Read from text in
 * active voice (a canonical question or phrasing: "microsoft is paid by openai" already reads
 * "openai pay microsoft"), so the agent comes first.
 */
export interface Relation {
  readonly agent: string;
  readonly patient: string;
  /** Stems of the words between the two names that say what is done ("pay", "licens"). */
  readonly verbs: readonly string[];
}

/** How a question's relations stand to a record's: the same direction, only the opposite one, or unrelated. */
export type Direction = 'same' | 'opposite' | 'none';

/** At most this many words between two names: further apart, they are seldom one clause. */
const maxWordsBetween = 4;
// English words between two names that join them rather than say what one does to the other
// ("microsoft and openai", "openai or microsoft"), and ones that say when or whether, not what.
const englishJoiners = new Set(['and', 'or', 'nor', 'vs', 'versus', 'than', 'between', 'with', 'plus']);
const englishNonVerbs = new Set(['still', 'anything', 'something', 'now', 'also', 'even', 'really', 'currently', 'already', 'ever', 'just', 'no', 'not', 'longer', 's', 'to', 'anymore', 'any', 'more']);

// A capitalised word after a space; it is inside a sentence when a lower-case letter, a digit or a
// comma comes before the space (a lookbehind would make the scan several times slower).
const capitalisedAfterSpace = / [A-Z][A-Za-z0-9]*/g;
const midSentenceBefore = /[a-z0-9,;(]/;
const escaped = (word: string) => word.replace(/[^a-z0-9]/g, '');
/** Phrasings read between two build steps. */
const textsPerStep = 2000;

/**
 * The names of a knowledge base, read from the phrasings as moderators write them: words written
 * capitalised inside a sentence ("…pay Microsoft", "…to OpenAI") and never in lower case, or
 * capitalised and no familiar English word. "Pay" of "Apple Pay" is no name when the knowledge also
 * writes "pay". Lower case, as canonical text has them.
 */
export function namesOfKnowledgeText(texts: readonly string[]): ReadonlySet<string> {
  return runToEnd(namesSteps(texts));
}

/** `namesOfKnowledgeText` as build steps: a large knowledge base is read in slices. */
export function* namesSteps(texts: readonly string[]): BuildSteps<ReadonlySet<string>> {
  // Read a slice of texts at a time, joined by line breaks: one search per slice rather than per
  // text (at 10,029 records, 40,000 texts). A match never spans a line break (neither a space nor a
  // letter or digit), and the character before a text is a line break, which no more comes
  // mid-sentence than the start of a text did.
  const slices: string[] = [];
  for (let from = 0; from < texts.length; from += textsPerStep) slices.push(texts.slice(from, from + textsPerStep).join('\n'));
  const capitalised = new Set<string>();
  for (const slice of slices) {
    for (const match of slice.matchAll(capitalisedAfterSpace)) {
      if (midSentenceBefore.test(slice.charAt(match.index - 1))) capitalised.add(match[0].slice(1).toLowerCase());
    }
    yield;
  }
  const candidates = [...capitalised].filter((word) => word.length >= 2 && !stopwords.has(word));
  if (candidates.length === 0) return new Set();
  // Each of the few candidates looked for in lower case: a plain substring search, checked for word
  // edges on a hit; a candidate's letters and digits stand at a line's edge as at a text's.
  const inLowerCase = new Set<string>();
  for (const candidate of candidates) {
    const asWord = new RegExp(`(?<![A-Za-z0-9])${escaped(candidate)}(?![A-Za-z0-9])`);
    for (const slice of slices) {
      if (slice.includes(candidate) && asWord.test(slice)) {
        inLowerCase.add(candidate);
        break;
      }
      yield;
    }
  }
  return new Set(candidates.filter((word) => !inLowerCase.has(word) || !isFamiliarWord(word)));
}

/** Tells whether a text (any case) has at least two name words: only then can it state a relation. */
export function relationFinder(names: ReadonlySet<string>): (text: string) => boolean {
  if (names.size === 0) return () => false;
  const name = new RegExp(`(?<![a-z0-9])(${[...names].map(escaped).join('|')})(?![a-z0-9])`, 'gi');
  return (text) => {
    name.lastIndex = 0;
    return name.test(text) && name.test(text);
  };
}

/** The relations a canonical text (lower case, words apart by single spaces, active voice) states between names. */
export function relationsOf(names: ReadonlySet<string>, canonical: string): Relation[] {
  const words = canonical.split(' ');
  const relations: Relation[] = [];
  let previous = -1;
  words.forEach((word, at) => {
    if (!names.has(word)) return;
    if (previous >= 0 && at - previous - 1 <= maxWordsBetween && words[previous] !== word) {
      const between = words.slice(previous + 1, at);
      if (!between.some((w) => englishJoiners.has(w))) {
        const verbs = between.filter((w) => w && !stopwords.has(w) && !englishNonVerbs.has(w) && !names.has(w)).map(stemOf);
        if (verbs.length > 0) relations.push({ agent: words[previous]!, patient: word, verbs });
      }
    }
    previous = at;
  });
  return relations;
}

// "…or the other way round", "…or vice versa": the relation just stated is asked both ways.
const englishBothWays = /\bor (is it |was it )?(the other way (round|around)|vice versa|the reverse)\b/;

/**
 * The names a question offers as alternatives ("does microsoft or openai still pay…?" → microsoft,
 * openai; "does microsoft pay openai or the other way round?" → microsoft, openai), and the relations
 * it asks in one direction only: none when it asks a relation both ways. Empty for most questions.
 */
export function alternativesOf(names: ReadonlySet<string>, canonical: string, relations: readonly Relation[]): { readonly alternatives: readonly string[]; readonly relations: readonly Relation[] } {
  const [first] = relations;
  if (first && englishBothWays.test(canonical)) return { alternatives: [first.agent, first.patient], relations: [] };
  const words = canonical.split(' ');
  for (let at = 1; at + 1 < words.length; at++) {
    const [before, after] = [words[at - 1]!, words[at + 1]!];
    if (words[at] === 'or' && before !== after && names.has(before) && names.has(after)) return { alternatives: [before, after], relations };
  }
  return { alternatives: [], relations };
}

/**
 * Whether two records answer a side each of a question offering two names as alternatives: each
 * states, by a verb the question asks with (`askedStems`), a relation with one of the names in the
 * role where the other states the other name ("microsoft pays openai" and "openai pays microsoft" for
 * "does microsoft or openai pay?").
 */
export function answersEachSide(alternatives: readonly string[], askedStems: ReadonlySet<string>, first: readonly Relation[], second: readonly Relation[]): boolean {
  if (alternatives.length !== 2) return false;
  return first.some((one) =>
    second.some(
      (other) =>
        one.verbs.some((verb) => askedStems.has(verb) && other.verbs.includes(verb)) &&
        ((one.agent !== other.agent && alternatives.includes(one.agent) && alternatives.includes(other.agent)) ||
          (one.patient !== other.patient && alternatives.includes(one.patient) && alternatives.includes(other.patient))),
    ),
  );
}

/**
 * How a question's relations stand to a record's. "same" when the record states one of them in the
 * question's direction (by a verb in common); "opposite" when it states one only the other way round
 * ("does openai pay microsoft?" against a record on "does microsoft pay openai?"); else "none".
 */
export function directionOf(question: readonly Relation[], record: readonly Relation[]): Direction {
  let opposite = false;
  for (const asked of question) {
    for (const stated of record) {
      if (!asked.verbs.some((verb) => stated.verbs.includes(verb))) continue;
      if (asked.agent === stated.agent && asked.patient === stated.patient) return 'same';
      if (asked.agent === stated.patient && asked.patient === stated.agent) opposite = true;
    }
  }
  return opposite ? 'opposite' : 'none';
}
