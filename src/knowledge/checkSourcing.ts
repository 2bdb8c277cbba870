import { comparableText } from './comparableText.ts';
import type { KnowledgeFiles, Located } from './knowledgeFiles.ts';
import type { FaqRecord, Source, TermRecord } from './schema.ts';
import type { FieldPath, YamlFile } from './yamlFile.ts';

export interface SourcingInput {
  readonly sources: readonly Located<Source>[];
  readonly faq: readonly Located<FaqRecord>[];
  readonly terms: readonly Located<TermRecord>[];
}

type Report = (file: YamlFile, path: FieldPath, message: string) => void;

/**
 * A quote is what makes a record's text checkable against its source: where a cited source ships
 * its text (`text:` in sources.yaml), every quote must appear in it word for word, and a term's
 * definition must have one. An FAQ answer may state what the source does not ("the article gives
 * no date"), so its quote stays optional. What a term's definition needs and the source does not
 * say belongs in its `editorsNote`, which has no sources of its own and is shown without them.
 */
export function checkSourcing(input: SourcingInput, files: Pick<KnowledgeFiles, 'faq' | 'terms'>, report: Report): void {
  const textById = new Map<string, string>();
  for (const { value } of input.sources) if (value.text) textById.set(value.id, comparableText(value.text));
  if (textById.size === 0) return;
  const citedTexts = (ids: readonly string[]) => ids.filter((id) => textById.has(id)).map((id) => ({ id, text: textById.get(id) as string }));

  const checkQuote = (file: YamlFile, path: FieldPath, quote: string, cited: readonly { id: string; text: string }[]) => {
    if (cited.length === 0) return;
    const wanted = comparableText(quote);
    if (cited.some(({ text }) => text.includes(wanted))) return;
    const names = cited.map(({ id }) => `"${id}"`).join(' or ');
    const agreed = longestQuotedStart(wanted, cited.map(({ text }) => text));
    const where = agreed ? `it differs from the source after "${lastWords(agreed, 8)}"` : 'not even its first word is';
    report(file, path, `is not word for word in the text of source ${names} (sources.yaml): ${where}; copy the sentence from the source (line breaks, spacing and straight or curly quote marks do not matter)`);
  };

  for (const { value, index } of input.faq) {
    if (value.quote) checkQuote(files.faq, ['faq', index, 'quote'], value.quote, citedTexts(value.sources));
  }
  for (const { value, index } of input.terms) {
    const cited = citedTexts(value.sources);
    if (value.editorsNote) {
      const repeated = repeatedRun(comparableText(value.editorsNote), [...textById.values()]);
      if (repeated) {
        report(
          files.terms,
          ['terms', index, 'editorsNote'],
          `repeats a source word for word ("${repeated}"): an editors' note is shown without a citation, so what a source says belongs in the definition, which cites it`,
        );
      }
    }
    if (value.quote) checkQuote(files.terms, ['terms', index, 'quote'], value.quote, cited);
    else if (cited.length > 0) {
      report(
        files.terms,
        ['terms', index, 'quote'],
        `is required: the definition cites ${cited.map(({ id }) => `"${id}"`).join(' and ')}, whose text sources.yaml holds, so quote the sentence that states it, word for word; ` +
          'a plain meaning the source does not state goes in editorsNote, which is shown without a citation',
      );
    }
  }
}

/** The longest run of `quote`'s first words found in one of `texts`, for saying where a quote goes wrong. */
function longestQuotedStart(quote: string, texts: readonly string[]): string {
  const words = quote.split(' ');
  const found = (count: number) => texts.some((text) => text.includes(words.slice(0, count).join(' ')));
  // A prefix found means every shorter one is too: binary search on the word count.
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (found(mid)) low = mid;
    else high = mid - 1;
  }
  return words.slice(0, low).join(' ');
}

function lastWords(text: string, count: number): string {
  const words = text.split(' ');
  return words.length <= count ? text : `…${words.slice(-count).join(' ')}`;
}

/** Words in a row that make a passage a source's rather than the editors' own: a phrase or name is shorter. */
const borrowedRunWords = 6;

/** The first run of `borrowedRunWords` words of `note` that one of `texts` has too (case aside), or null. */
function repeatedRun(note: string, texts: readonly string[]): string | null {
  const words = note.toLowerCase().split(' ');
  const lowered = texts.map((text) => text.toLowerCase());
  for (let start = 0; start + borrowedRunWords <= words.length; start++) {
    const run = words.slice(start, start + borrowedRunWords).join(' ');
    if (lowered.some((text) => text.includes(run))) return note.split(' ').slice(start, start + borrowedRunWords).join(' ');
  }
  return null;
}
