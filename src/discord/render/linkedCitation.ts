import type { Source } from '../../knowledge/schema.ts';
import { formatSourceCitation } from '../../reply/formatSource.ts';

/**
 * The citation as Discord markdown: a masked link when the source has a url, plain text
 * otherwise. Brackets in the text and parentheses in the url would end the link early.
 */
export function linkedCitation(source: Source): string {
  const citation = formatSourceCitation(source);
  if (!source.url) return citation;
  const text = citation.replace(/[[\]]/g, (bracket) => `\\${bracket}`);
  const url = source.url.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${text}](${url})`;
}
