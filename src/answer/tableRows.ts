import type { ComparisonTable } from '../knowledge/schema.ts';
import { createKeywordIndex, type KeywordIndexTuning } from '../search/keywordIndex.ts';
import { completeNames, type Nameable } from '../search/completeNames.ts';
import type { QueryTextPipeline } from '../search/queryText.ts';
import { normalizeText } from '../text/normalizeText.ts';
import { englishComparisonWords } from './wording.ts';

/** Finds the comparison table's rows a question or a `/compare` feature names. */
export interface TableRows {
  /** The single row the (canonical) question names, if it names one clearly. */
  rowNamed(canonicalQuestion: string): number | null;
  /**
   * The rows a `/compare` feature names, in table order: the one it names, those it names about
   * equally well ("revenue share": both directions), or those whose names hold what was typed
   * ("cloud dep"); empty when none — then `closest` orders every row by how near it came.
   */
  rowsNamed(feature: string): { readonly shown: readonly number[]; readonly closest: readonly number[] };
}

export function createTableRows(
  table: ComparisonTable,
  text: QueryTextPipeline,
  rowNames: readonly Nameable[],
  { rowThreshold, answerMargin, index }: { readonly rowThreshold: number; readonly answerMargin: number; readonly index: KeywordIndexTuning },
): TableRows {
  const rowIndex = createKeywordIndex(
    table.rows.map((row, i) => ({ id: String(i), phrasings: [row.feature, ...row.aliases], body: '' })),
    text.tokens,
    index,
  );
  const canonicalNames = table.rows.map((row) => [row.feature, ...row.aliases].map(text.canonical));
  const rowNamed = (canonicalQuestion: string): number | null => {
    const exact = canonicalNames.findIndex((names) => names.includes(canonicalQuestion));
    if (exact >= 0) return exact;
    const rest = canonicalQuestion.replace(englishComparisonWords, ' ');
    const [best, second] = rowIndex.rank(text.tokensOf(rest));
    if (!best || best.score < rowThreshold) return null;
    if (second && best.score - second.score < answerMargin) return null;
    return Number(best.id);
  };
  return {
    rowNamed,
    rowsNamed(feature) {
      const canonical = text.canonical(feature);
      const row = rowNamed(canonical);
      if (row !== null) return { shown: [row], closest: [row] };
      const ranked = rowIndex.rank(text.tokensOf(canonical));
      const named = ranked.filter((entry) => entry.score >= rowThreshold).map((entry) => Number(entry.id));
      const spelled = normalizeText(feature).length >= 3 ? completeNames(rowNames, feature).map((choice) => table.rows.findIndex((candidate) => candidate.feature === choice.value)) : [];
      const shown = (named.length > 0 ? named : spelled).sort((a, b) => a - b);
      return { shown, closest: [...new Set([...ranked.map((entry) => Number(entry.id)), ...table.rows.keys()])] };
    },
  };
}
