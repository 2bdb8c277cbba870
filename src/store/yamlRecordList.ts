import { Document, isMap, isNode, isScalar, isSeq, parse, parseDocument } from 'yaml';
import { parseYamlText, yamlToJsOptions, type YamlFile } from '../knowledge/yamlFile.ts';
import { canonicalJson } from './contentHash.ts';

/**
 * Edits one record of a YAML list (`faq:` or `terms:`) by splicing text: the record's source span
 * is found through the yaml Document API and only that span is replaced. Re-serialising the whole
 * document would re-wrap folded text and re-space flow lists of records nobody touched.
 */

/** How each field of a new or edited record is written, in order. */
export type FieldStyle = 'plain' | 'block' | 'flow-list' | 'block-list';
export type RecordLayout = readonly (readonly [field: string, style: FieldStyle])[];

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface RecordList {
  readonly text: string;
  readonly key: string;
  /** The file's path as problems name it. */
  readonly displayPath: string;
  /** Each record as parsed (not yet validated), in file order. */
  readonly items: readonly unknown[];
  /** Source span of each record; null when the list is not a block list of records to splice. */
  readonly spans: readonly Span[] | null;
  /** Column of each record's `-`. */
  readonly indent: number;
  /** What separates two records (usually one blank line). */
  readonly separator: string;
}

/**
 * The list's text after an edit. `parsed`: that text as `parseYamlText` reads it, when checking the
 * splice made that parse already (null after a rebuild), so validating the edit need not parse it again.
 */
export interface EditedText {
  readonly text: string;
  readonly parsed: YamlFile | null;
}

/**
 * Reads the list under `key`; call only on text that parses without YAML errors. `parsed`: the
 * text's document and data when the caller has parsed it already (at 10,000 records a parse takes seconds).
 */
export function readRecordList(text: string, key: string, displayPath: string, parsed?: { readonly document: Document; readonly data: unknown }): RecordList {
  const doc = parsed?.document ?? parseDocument(text);
  const node = doc.get(key, true);
  const list = listIn(parsed ? parsed.data : doc.toJS(yamlToJsOptions), key);
  const items = Array.isArray(list) ? list : [];
  const spans = isSeq(node) && !node.flow && node.items.length > 0 && node.items.length === items.length ? spansOf(text, node.items) : null;
  const indent = spans?.[0] ? spans[0].dash - spans[0].start : 2;
  const between = spans && spans.length > 1 ? text.slice(spans[0]!.end, spans[1]!.start) : '\n';
  return { text, key, displayPath, items, spans, indent, separator: /^\s*$/.test(between) ? between : '\n' };
}

export function replaceRecord(list: RecordList, index: number, record: Record<string, unknown>, layout: RecordLayout): EditedText {
  const items = list.items.map((item, i) => (i === index ? record : item));
  const span = list.spans?.[index];
  if (!span) return rebuilt(list, items, layout);
  const text = list.text.slice(0, span.start) + renderRecord(record, layout, list.indent) + list.text.slice(span.end);
  return checked(list, text, items, layout);
}

export function appendRecord(list: RecordList, record: Record<string, unknown>, layout: RecordLayout): EditedText {
  const items = [...list.items, record];
  const lastSpan = list.spans?.at(-1);
  if (!lastSpan) return rebuilt(list, items, layout);
  const at = lastSpan.end;
  const newline = at === list.text.length && !list.text.endsWith('\n') ? '\n' : '';
  const text = list.text.slice(0, at) + newline + list.separator + renderRecord(record, layout, list.indent) + list.text.slice(at);
  return checked(list, text, items, layout);
}

export function removeRecord(list: RecordList, index: number): EditedText {
  const items = list.items.filter((_item, i) => i !== index);
  const span = list.spans?.[index];
  if (!span || items.length === 0) return rebuilt(list, items);
  const { text } = list;
  // Take the blank lines after the record with it; at the end of the file, the ones before it instead.
  let end = span.end;
  while (end < text.length && isBlankLineAt(text, end)) end = lineEndAt(text, end);
  let start = span.start;
  if (text.slice(end).trim() === '') {
    while (start > 0 && isBlankLineAt(text, lineStartAt(text, start - 1))) start = lineStartAt(text, start - 1);
    end = text.length;
  }
  return checked(list, text.slice(0, start) + text.slice(end), items);
}

/** A record as a `- ` list item indented to `indent`, each field in the style records are written in by hand. */
export function renderRecord(record: Record<string, unknown>, layout: RecordLayout, indent: number): string {
  const contentIndent = indent + 2;
  const styled = layout.filter(([field]) => record[field] !== undefined).map(([field, style]) => renderField(field, record[field], style, contentIndent));
  const rest = Object.keys(record).filter((field) => record[field] !== undefined && !layout.some(([name]) => name === field));
  const fields = [...styled, ...rest.map((field) => renderField(field, record[field], 'plain', contentIndent))].join('');
  const item = indentItem(fields, indent);
  // Styles are a nicety; the data must survive. Fall back to the library's own choices if it would not.
  if (canonicalJson(parse(item)) === canonicalJson([record])) return item;
  return indentItem(new Document(record).toString(), indent);
}

function renderField(field: string, value: unknown, style: FieldStyle, contentIndent: number): string {
  const doc = new Document({ [field]: value });
  const node = doc.get(field, true);
  if (style === 'block' && isScalar(node) && typeof value === 'string') node.type = value.includes('\n') ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
  if (style === 'flow-list' && isSeq(node)) node.flow = true;
  // Folded text wraps like the hand-written records; other fields stay on one line however long.
  return doc.toString({ lineWidth: style === 'block' ? Math.max(40, 80 - contentIndent) : 0, flowCollectionPadding: false });
}

function indentItem(fields: string, indent: number): string {
  const lines = fields.replace(/\n$/, '').split('\n');
  return `${lines.map((line, i) => (i === 0 ? `${' '.repeat(indent)}- ${line}` : line === '' ? '' : `${' '.repeat(indent + 2)}${line}`)).join('\n')}\n`;
}

/**
 * The spliced text, if it parses to exactly the intended records; otherwise the safe rebuild. Parsed
 * as validation parses it: an alias whose anchor was in the replaced record, which no longer
 * resolves, is one of its problems, and the list is rebuilt with the values.
 */
function checked(list: RecordList, text: string, items: readonly unknown[], layout: RecordLayout = []): EditedText {
  const parsed = parseYamlText(text, list.displayPath);
  if (parsed.problems.length === 0 && canonicalJson(listIn(parsed.data, list.key)) === canonicalJson(items)) return { text, parsed };
  return rebuilt(list, items, layout);
}

function rebuilt(list: RecordList, items: readonly unknown[], layout: RecordLayout = []): EditedText {
  return { text: rebuild(list, items, layout), parsed: null };
}

/**
 * Rewrites the whole list through the Document API. Used only when there are no records to keep
 * as they were (an empty or flow-style list) or when splicing would not give the intended data.
 */
function rebuild(list: RecordList, items: readonly unknown[], layout: RecordLayout = []): string {
  const doc = parseDocument(list.text);
  const seq = doc.createNode(items);
  if (isSeq(seq)) {
    for (const item of seq.items) {
      if (!isMap(item)) continue;
      for (const [field, style] of layout) {
        const node = item.get(field, true);
        if (style === 'block' && isScalar(node) && typeof node.value === 'string') node.type = node.value.includes('\n') ? 'BLOCK_LITERAL' : 'BLOCK_FOLDED';
        if (style === 'flow-list' && isSeq(node)) node.flow = true;
      }
    }
  }
  doc.set(list.key, seq);
  return doc.toString({ flowCollectionPadding: false });
}

/** Where each `- ` item starts (its line) and ends (its last line); null if the items are not laid out that way. */
function spansOf(text: string, items: readonly unknown[]): (Span & { dash: number })[] | null {
  const spans: (Span & { dash: number })[] = [];
  for (const item of items) {
    const range = isNode(item) ? item.range : undefined;
    if (!range) return null;
    let dash = range[0] - 1;
    while (dash > 0 && /\s/.test(text[dash] ?? '')) dash--;
    const start = lineStartAt(text, dash);
    if (text[dash] !== '-' || text.slice(start, dash).trim() !== '') return null;
    let end = range[1];
    while (end > range[0] && /\s/.test(text[end - 1] ?? '')) end--;
    spans.push({ start, dash, end: lineEndAt(text, end) });
  }
  return spans;
}

function listIn(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)[key] : undefined;
}

function lineStartAt(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** Index just after the newline ending the line that contains `index` (or the end of the text). */
function lineEndAt(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  return newline === -1 ? text.length : newline + 1;
}

function isBlankLineAt(text: string, lineStart: number): boolean {
  return text.slice(lineStart, lineEndAt(text, lineStart)).trim() === '';
}
