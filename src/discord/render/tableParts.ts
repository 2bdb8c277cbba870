import type { APIEmbedField } from 'discord.js';
import { renderTable } from '../../render/renderPlainText.ts';
import type { TableView } from '../../reply/replyModel.ts';
import { embedLimits } from './fitEmbed.ts';

/**
 * The widest code block line that still fits an embed on a phone without wrapping; a wrapped
 * table row is unreadable, so wider tables are shown as one field per row instead.
 */
export const codeBlockMaxWidth = 56;

/** Monospace columns as a code block, every line the same width; null when it would not read well. */
export function tableCodeBlock(table: TableView): string | null {
  const lines = renderTable(table).split('\n');
  const width = Math.max(...lines.map(visualWidth));
  // A backtick in a cell could close the code block early.
  if (width > codeBlockMaxWidth || lines.some((line) => line.includes('`'))) return null;
  const block = ['```', ...lines.map((line) => line + ' '.repeat(width - visualWidth(line))), '```'].join('\n');
  return block.length <= embedLimits.description ? block : null;
}

/** One field per row, named by its feature, each value labelled with its column header. */
export function tableRowFields(table: TableView): APIEmbedField[] {
  return table.rows.map(([feature = '', ...cells]) => ({
    name: feature,
    value: cells.map((cell, i) => `${table.columns[i + 1] ?? ''}: ${cell}`).join('\n'),
  }));
}

/** Columns a monospace font gives the text: one per code point (the table's arrows and dashes included). */
export function visualWidth(line: string): number {
  return [...line].length;
}
