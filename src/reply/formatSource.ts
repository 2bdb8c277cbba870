import type { Source } from '../knowledge/schema.ts';

/** "Title — Publisher, 2025-01-31": the citation without its link, which each front end places itself. */
export function formatSourceCitation(source: Source): string {
  const byline = [source.publisher, source.date].filter(Boolean).join(', ');
  return byline ? `${source.title} — ${byline}` : source.title;
}
