import type { Token } from '../search/keywordIndex.ts';
import type { QueryTextPipeline } from '../search/queryText.ts';
import type { DialogueAct } from '../text/chatRegister.ts';
import { alternativesOf, relationsOf, type Relation } from './relations.ts';
import type { AskedRequirement, RuleSet } from './rules/ruleSet.ts';
import { readWording, type Wording } from './wording.ts';

/**
 * The first stage: what a message asks. Every later stage reads a `Reading`, never the raw text; a
 * follow-up, one question of several or a question without its context is another `Reading` of the
 * same message, run through the same later stages.
 */
export interface Reading {
  /** The message as the member wrote it: what replies name as the question. */
  readonly raw: string;
  /** The question part, normalised and rewritten (chat register, synonyms, active voice, base forms), every word kept. */
  readonly canonical: string;
  /** The words matched: the question's, then the context's and any other weighted ones (`Token.contextWeight`). */
  readonly tokens: readonly Token[];
  /** The context sentences around the question, canonical; empty for a plain question. */
  readonly context: string;
  /** Set when the message is only chat (thanks, a greeting…): no record answers it. */
  readonly act: DialogueAct | null;
  /** The separate questions of the message as written, when it asks more than one; else empty. */
  readonly parts: readonly string[];
  /** The kind of record the wording asks for: a definition, a comparison. */
  readonly wording: Wording;
  /** What the question asks for that only some records state (a percentage, a role…). */
  readonly asked: readonly AskedRequirement[];
  /** Who the question says acts on whom ("does openai pay microsoft": openai → microsoft); none when it asks both ways. */
  readonly relations: readonly Relation[];
  /** The two names the question offers as alternatives ("does microsoft or openai pay?"); empty for most questions. */
  readonly alternatives: readonly string[];
}

/** What reading needs: the text pipeline made for the knowledge, and the requirement rules. */
export interface Reader {
  readonly text: QueryTextPipeline;
  readonly rules: RuleSet;
  /** The knowledge's names, between which a question states relations. */
  readonly names: ReadonlySet<string>;
}

export function readQuestion(reader: Reader, raw: string): Reading {
  const { text } = reader;
  const read = text.read(raw);
  return {
    raw,
    canonical: read.canonical,
    tokens: read.tokens,
    context: read.context,
    act: read.act,
    parts: read.questions.length > 1 ? read.questions : [],
    ...readingOf(reader, read.canonical),
  };
}

/**
 * One question of a message that asks several, read with the others as its context (weighted
 * `othersWeight`): in "when does the licence end and is it still exclusive?", "it" is the licence.
 */
export function readPart(reader: Reader, message: Reading, part: number, othersWeight: number): Reading {
  const { text } = reader;
  const canonicalParts = message.parts.map((question) => text.canonical(question));
  const canonical = canonicalParts[part] ?? '';
  const others = canonicalParts.filter((_, i) => i !== part).join(' ');
  return {
    ...message,
    canonical,
    tokens: [...text.tokensOf(canonical), ...text.tokensOf(others, { weight: othersWeight })],
    parts: [],
    ...readingOf(reader, canonical),
  };
}

/** The question without the context around it: a long message's background can blur what it asks. */
export function withoutContext(reading: Reading): Reading {
  return { ...reading, tokens: reading.tokens.filter((token) => token.contextWeight === undefined), context: '' };
}

/** The question read in the context of an earlier answer, titled `title`, whose words count `weight` as much. */
export function inContextOf({ text }: Reader, reading: Reading, title: string, weight: number): Reading {
  return { ...reading, tokens: [...reading.tokens, ...text.tokensOf(text.canonical(title), { weight })] };
}

function readingOf({ rules, names }: Reader, canonical: string): Pick<Reading, 'wording' | 'asked' | 'relations' | 'alternatives'> {
  return { wording: readWording(canonical), asked: rules.askedBy({ canonical }), ...alternativesOf(names, canonical, relationsOf(names, canonical)) };
}
