import { formatSourceCitation } from '../reply/formatSource.ts';
import type { AnsweredReply, Reply, TableView } from '../reply/replyModel.ts';
import { replyMessages, suggestionsIntroOf } from '../reply/replyMessages.ts';

/** The reply as a person reads it in a terminal: answer, quote, sources, tables in monospace. */
export function renderPlainText(reply: Reply): string {
  switch (reply.status) {
    case 'chat':
      return replyMessages.dialogue[reply.act];
    case 'no_match':
      return reply.body;
    case 'suggestions':
      return [suggestionsIntroOf(reply), ...reply.suggestions.map((ref, i) => `  ${i + 1}. ${ref.title}`)].join('\n');
    case 'answered':
      return [reply, ...reply.also].map(renderAnswer).join('\n\n———\n\n');
  }
}

function renderAnswer(reply: AnsweredReply): string {
  const blocks: string[] = [reply.title];
  if (reply.body) blocks.push(stripMarkdown(reply.body));
  if (reply.table) blocks.push(renderTable(reply.table));
  if (reply.quote) blocks.push(`“${reply.quote}”`);
  if (reply.sources.length > 0) {
    blocks.push(
      [`${replyMessages.sources}:`, ...reply.sources.map((source) => `  - ${formatSourceCitation(source)}${source.url ? ` <${source.url}>` : ''}`)].join('\n'),
    );
  }
  if (reply.editorsNote) blocks.push(`${replyMessages.editorsNote}: ${stripMarkdown(reply.editorsNote)}`);
  if (reply.related.length > 0) blocks.push(`${replyMessages.seeAlso}: ${reply.related.map((ref) => ref.title).join(' · ')}`);
  return blocks.join('\n\n');
}

/** Columns padded to their widest cell, so the table lines up in any monospace font. */
export function renderTable(table: TableView): string {
  const lines = [table.columns, ...table.rows];
  const widths = table.columns.map((_, column) => Math.max(...lines.map((cells) => [...(cells[column] ?? '')].length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length)).join(' | ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  return [format(table.columns), rule, ...table.rows.map(format)].join('\n');
}

/** Discord markdown to plain text: emphasis markers dropped, everything else kept. */
export function stripMarkdown(markdown: string): string {
  return markdown.replace(/(\*\*|__|\*|~~)(.+?)\1/g, '$2');
}
