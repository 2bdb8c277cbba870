import { buildSynonymMap, normalizeText } from '../text/normalizeText.ts';
import { negatingPrefixes } from '../text/negatedForms.ts';
import { antonymsOf } from '../text/relatedWords.ts';
import { checkSourcing } from './checkSourcing.ts';
import type { KnowledgeProblem } from './knowledgeProblem.ts';
import type { KnowledgeFiles, Located } from './knowledgeFiles.ts';
import { discordLimits } from './discordLimits.ts';
import type { ComparisonTable, FaqRecord, Source, Synonyms, TermRecord } from './schema.ts';
import type { FieldPath, YamlFile } from './yamlFile.ts';

/** Ids written in the files, including those of records that failed their own checks. */
export interface DeclaredIds {
  readonly sources: ReadonlySet<string>;
  readonly faq: ReadonlySet<string>;
}

export interface CheckInput {
  readonly sources: readonly Located<Source>[];
  readonly faq: readonly Located<FaqRecord>[];
  readonly terms: readonly Located<TermRecord>[];
  readonly table: ComparisonTable | null;
  readonly synonyms: Synonyms;
  /** References are checked against these, so one broken record does not make others look dangling. */
  readonly declared: DeclaredIds;
}

/** Rules that span records and files: unique ids and phrasings, references that resolve, sizes, quotes found in their sources. */
export function checkCrossReferences(input: CheckInput, files: KnowledgeFiles): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const report = (file: YamlFile, path: FieldPath, message: string) => problems.push(file.problemAt(path, message));

  checkUniqueIds(input, files, report);
  checkReferences(input, files, report);
  checkPhrasings(input, files, report);
  checkSynonyms(input.synonyms, files.synonyms, report);
  if (input.table) checkTable(input.table, files.table, report);
  checkAnswerSizes(input, files, report);
  checkAnswerOpenings(input.faq, files.faq, report);
  checkSourcing(input, files, report);
  return problems;
}

type Report = (file: YamlFile, path: FieldPath, message: string) => void;

interface Site {
  readonly file: YamlFile;
  readonly path: FieldPath;
}

function where(site: Site): string {
  const line = site.file.lineOf(site.path);
  return `${site.file.describe(site.path)} (${site.file.displayPath}${line === null ? '' : `:${line}`})`;
}

function checkUniqueIds(input: CheckInput, files: KnowledgeFiles, report: Report): void {
  const sourceIds = new Map<string, Site>();
  for (const { value, index } of input.sources) {
    const site = { file: files.sources, path: ['sources', index, 'id'] };
    const first = sourceIds.get(value.id);
    if (first) report(site.file, site.path, `duplicate id "${value.id}", already used by ${where(first)}`);
    else sourceIds.set(value.id, site);
  }
  // FAQ records, terms and the table share one id space: replies and moderators name records by id alone.
  const recordIds = new Map<string, Site>();
  const claim = (id: string, site: Site) => {
    const first = recordIds.get(id);
    if (first) report(site.file, site.path, `duplicate id "${id}", already used by ${where(first)}`);
    else recordIds.set(id, site);
  };
  for (const { value, index } of input.faq) claim(value.id, { file: files.faq, path: ['faq', index, 'id'] });
  for (const { value, index } of input.terms) claim(value.id, { file: files.terms, path: ['terms', index, 'id'] });
  if (input.table) claim(input.table.id, { file: files.table, path: ['table', 'id'] });
}

function checkReferences(input: CheckInput, files: KnowledgeFiles, report: Report): void {
  const { sources: sourceIds, faq: faqIds } = input.declared;
  const checkSources = (file: YamlFile, base: FieldPath, ids: readonly string[]) =>
    ids.forEach((id, i) => {
      if (!sourceIds.has(id)) report(file, [...base, 'sources', i], `unknown source "${id}" (add it to sources.yaml or fix the id)`);
    });

  for (const { value, index } of input.faq) {
    checkSources(files.faq, ['faq', index], value.sources);
    value.related.forEach((id, i) => {
      const path = ['faq', index, 'related', i];
      if (id === value.id) report(files.faq, path, 'a record cannot be related to itself');
      else if (!faqIds.has(id) && id !== input.table?.id) report(files.faq, path, `unknown FAQ record "${id}" (related lists FAQ ids or the table id)`);
    });
  }
  for (const { value, index } of input.terms) checkSources(files.terms, ['terms', index], value.sources);
  if (input.table) checkSources(files.table, ['table'], input.table.sources);
}

/** No two places may claim the same phrasing: the engine could not tell which one was meant. */
function checkPhrasings(input: CheckInput, files: KnowledgeFiles, report: Report): void {
  const synonyms = buildSynonymMap(input.synonyms);
  const claimed = new Map<string, Site>();
  const claim = (text: string, site: Site) => {
    const key = synonyms.rewrite(normalizeText(text));
    if (!key) {
      report(site.file, site.path, 'has no words left to match on after removing punctuation and links');
      return;
    }
    const first = claimed.get(key);
    if (first) report(site.file, site.path, `"${text}" is already claimed by ${where(first)}`);
    else claimed.set(key, site);
  };
  for (const { value, index } of input.faq) {
    claim(value.question, { file: files.faq, path: ['faq', index, 'question'] });
    value.alternates.forEach((alt, i) => claim(alt, { file: files.faq, path: ['faq', index, 'alternates', i] }));
  }
  for (const { value, index } of input.terms) {
    claim(value.term, { file: files.terms, path: ['terms', index, 'term'] });
    value.aliases.forEach((alias, i) => claim(alias, { file: files.terms, path: ['terms', index, 'aliases', i] }));
  }
  input.table?.triggers.forEach((trigger, i) => claim(trigger, { file: files.table, path: ['table', 'triggers', i] }));
}

function checkSynonyms(synonyms: Synonyms, file: YamlFile, report: Report): void {
  const owner = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(synonyms)) {
    variants.forEach((variant, i) => {
      const path = ['synonyms', canonical, i];
      const key = normalizeText(variant);
      if (key === normalizeText(canonical)) report(file, path, `"${variant}" is the word itself, not a variant`);
      const first = owner.get(key);
      if (first !== undefined && first !== canonical) report(file, path, `"${variant}" is already a variant of "${first}"`);
      else owner.set(key, canonical);
      const opposite = oppositeOf(key, normalizeText(canonical));
      if (opposite) report(file, path, `"${variant}" means the opposite of "${canonical}" (${opposite}): a question using it would get the answer to the opposite question`);
    });
  }
}

/** Why `variant` means the opposite of `canonical` (a negating prefix, or a dictionary antonym), or null. */
function oppositeOf(variant: string, canonical: string): string | null {
  const variantWords = variant.split(' ');
  const canonicalWords = canonical.split(' ');
  for (const word of variantWords) {
    for (const target of canonicalWords) {
      const negates = (prefix: string) =>
        !canonicalWords.includes(prefix) && !target.startsWith(prefix) && word.startsWith(`${prefix}${target}`) && word.length - target.length <= prefix.length + 3;
      if (negatingPrefixes.some(negates)) {
        return `"${word}" negates "${target}"`;
      }
      if (antonymsOf(word).includes(target)) return `"${word}" is an antonym of "${target}"`;
    }
  }
  return null;
}

// An answer is shown for every phrasing of its question, and alternates may ask the opposite way
// round ("did Microsoft sell its shares?" for "does Microsoft still own part of OpenAI?"): an
// opening "Yes" or "No" would then contradict the member. Answers open with the fact instead.
const yesNoOpening = /^[\s*_>~`"“]*(yes|no|yep|nope|yeah|nah)\b(?![-\w])/i;

function checkAnswerOpenings(faq: readonly Located<FaqRecord>[], file: YamlFile, report: Report): void {
  for (const { value, index } of faq) {
    if (yesNoOpening.test(value.answer)) {
      report(file, ['faq', index, 'answer'], 'opens with Yes/No: open with the fact itself ("Microsoft remains a major shareholder…"), since alternates may ask the question the other way round');
    }
  }
}

function checkTable(table: ComparisonTable, file: YamlFile, report: Report): void {
  const expectedCells = table.columns.length - 1;
  const names = new Map<string, number>();
  table.rows.forEach((row, index) => {
    if (row.cells.length !== expectedCells) {
      report(file, ['table', 'rows', index, 'cells'], `has ${row.cells.length} cells, expected ${expectedCells} (one per column after "${table.columns[0]}")`);
    }
    for (const [i, name] of [row.feature, ...row.aliases].entries()) {
      const key = normalizeText(name);
      const first = names.get(key);
      const path = i === 0 ? ['table', 'rows', index, 'feature'] : ['table', 'rows', index, 'aliases', i - 1];
      if (first !== undefined && first !== index) report(file, path, `"${name}" already names row ${first + 1}`);
      else names.set(key, index);
    }
  });
}

// Title, answer (or definition and editors' note) and quote share one embed with the sources and footer, whose total Discord caps.
const embedOverhead = 600;

function checkAnswerSizes(input: CheckInput, files: KnowledgeFiles, report: Report): void {
  for (const { value, index } of input.faq) {
    const size = value.question.length + value.answer.length + (value.quote?.length ?? 0) + embedOverhead;
    if (size > discordLimits.embedTotal) {
      report(files.faq, ['faq', index, 'answer'], `question, answer and quote together are too long for one Discord embed (${size - embedOverhead} > ${discordLimits.embedTotal - embedOverhead})`);
    }
  }
  for (const { value, index } of input.terms) {
    const size = value.term.length + value.definition.length + (value.quote?.length ?? 0) + (value.editorsNote?.length ?? 0) + embedOverhead;
    if (size > discordLimits.embedTotal) {
      report(files.terms, ['terms', index, 'definition'], `term, definition, quote and editors' note together are too long for one Discord embed (${size - embedOverhead} > ${discordLimits.embedTotal - embedOverhead})`);
    }
  }
}
