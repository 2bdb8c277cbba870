import { z } from 'zod';
import { discordLimits } from './discordLimits.ts';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'must be a lowercase slug such as "ip-license"' })
  .max(64, { error: (issue) => `too long (${String(issue.input).length} > 64)` });

/** Trimmed, non-empty text no longer than `max`, with the error naming both lengths. */
function text(max: number) {
  return z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: (issue) => `too long (${String(issue.input).length} > ${max})` });
}

const idList = z.array(slug, { error: 'must be a list of ids' });

// A quote is shown in an embed field between quote marks, so it gets a little less than the field.
export const quoteMaxLength = discordLimits.embedFieldValue - 24;

export const sourceSchema = z.strictObject({
  id: slug,
  title: text(discordLimits.embedTitle),
  publisher: text(100).optional(),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}){0,2}$/, { error: 'must be a date like 2025-01-31 (or 2025-01, or 2025)' })
    .optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).max(512).optional(),
  description: text(500).optional(),
  // The source's own words, shipped with the knowledge so that quotes citing it can be checked against it.
  text: text(1_000_000).optional(),
});

/** What the bot says it knows about, in sources.yaml's optional `about:` section. */
export const aboutSchema = z.strictObject({
  // "Sorry, I don't have an answer for that. I only know about <topic>."
  topic: text(150).optional(),
  // The question the bot suggests trying when it has no answer; the first FAQ question when left out.
  example: text(discordLimits.autocompleteChoiceName).optional(),
});

export const faqRecordSchema = z.strictObject({
  id: slug,
  // Questions and alternates are offered as autocomplete choices, whose names Discord caps at 100.
  question: text(discordLimits.autocompleteChoiceName),
  alternates: z.array(text(discordLimits.autocompleteChoiceName)).default([]),
  answer: text(discordLimits.embedDescription),
  quote: text(quoteMaxLength).optional(),
  sources: idList.min(1, { error: 'must cite at least one source' }),
  related: idList.default([]),
});

export const termRecordSchema = z.strictObject({
  id: slug,
  term: text(discordLimits.autocompleteChoiceName),
  aliases: z.array(text(discordLimits.autocompleteChoiceName)).default([]),
  // What the sources say about the term, in their words: it is shown with their citation.
  definition: text(discordLimits.embedDescription),
  quote: text(quoteMaxLength).optional(),
  sources: idList.min(1, { error: 'must cite at least one source' }),
  // The editors' own explanation (a plain meaning the sources do not state): shown apart, labelled, never cited.
  editorsNote: text(discordLimits.embedFieldValue).optional(),
});

export const tableRowSchema = z.strictObject({
  feature: text(discordLimits.autocompleteChoiceName),
  aliases: z.array(text(discordLimits.autocompleteChoiceName)).default([]),
  cells: z.array(text(200)).min(1, { error: 'must have a cell for each column after the first' }),
});

export const comparisonTableSchema = z.strictObject({
  id: slug,
  title: text(discordLimits.embedTitle),
  columns: z.array(text(100)).min(2, { error: 'needs a feature column and at least one more' }),
  rows: z.array(tableRowSchema).min(1, { error: 'needs at least one row' }),
  triggers: z.array(text(discordLimits.autocompleteChoiceName)).min(1, { error: 'needs at least one trigger phrasing' }),
  sources: idList.min(1, { error: 'must cite at least one source' }),
});

export const sourcesFileSchema = z.strictObject({ about: aboutSchema.optional(), sources: z.array(sourceSchema).min(1) });
export const faqFileSchema = z.strictObject({ faq: z.array(faqRecordSchema).min(1) });
export const termsFileSchema = z.strictObject({ terms: z.array(termRecordSchema).default([]) });
export const tableFileSchema = z.strictObject({ table: comparisonTableSchema });
const wordGroups = z.record(text(100), z.array(text(100)).min(1, { error: 'must list at least one variant' })).default({});
export const synonymsFileSchema = z.strictObject({
  synonyms: wordGroups,
  // Words that point at a concept without meaning the same ("nvidia" → chips): matched at reduced weight.
  concepts: wordGroups,
});

export type Source = z.infer<typeof sourceSchema>;
export type FaqRecord = z.infer<typeof faqRecordSchema>;
export type TermRecord = z.infer<typeof termRecordSchema>;
export type TableRow = z.infer<typeof tableRowSchema>;
export type ComparisonTable = z.infer<typeof comparisonTableSchema>;
/** Canonical word → the variants people type for it. */
export type Synonyms = Readonly<Record<string, readonly string[]>>;

/** What the bot tells members it knows about, and the question it suggests trying. */
export interface About {
  /** "the Microsoft–OpenAI partnership amendment"; null when the knowledge does not say. */
  readonly topic: string | null;
  readonly example: string;
}

/** One validated, internally consistent knowledge base. */
export interface Knowledge {
  readonly about: About;
  readonly sources: readonly Source[];
  readonly faq: readonly FaqRecord[];
  readonly terms: readonly TermRecord[];
  readonly table: ComparisonTable;
  readonly synonyms: Synonyms;
  /** Concept word → words that point at it; a question's word also counts, more weakly, as its concept. */
  readonly concepts: Synonyms;
}
