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

/** One field of a record as the file has it. */
interface WrittenField {
  readonly key: string;
  readonly value: unknown;
  /**
   * Its text from the key (with the comment and blank lines above it, but for the first field) to
   * the end of its value's last line, with the record's field indentation taken off every line
   * after the first: as `renderField` renders a field.
   */
  readonly text: string;
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
  /**
   * Each record's fields as written, in file order (null for a record not written as a block map
   * at the list's indent): what an edit keeps byte for byte of the fields it leaves as they were.
   */
  readonly fields: readonly (readonly WrittenField[] | null)[];
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
  const fields = spans && isSeq(node) ? node.items.map((item, i) => writtenFields(text, item, items[i], indent + 2)) : [];
  return { text, key, displayPath, items, spans, fields, indent, separator: /^\s*$/.test(between) ? between : '\n' };
}

export function replaceRecord(list: RecordList, index: number, record: Record<string, unknown>, layout: RecordLayout): EditedText {
  const items = list.items.map((item, i) => (i === index ? record : item));
  const span = list.spans?.[index];
  if (!span) return rebuilt(list, items, layout);
  const text = list.text.slice(0, span.start) + renderRecord(record, layout, list.indent, list.fields[index] ?? null) + list.text.slice(span.end);
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

/**
 * A record as a `- ` list item indented to `indent`, each field in the style records are written in
 * by hand. `written`: the record's fields as the file has them; a field whose value is unchanged is
 * kept exactly as written (an edit of the alternates must not re-wrap the quote), in the file's order.
 */
export function renderRecord(record: Record<string, unknown>, layout: RecordLayout, indent: number, written: readonly WrittenField[] | null = null): string {
  const contentIndent = indent + 2;
  const styleOf = (field: string): FieldStyle => layout.find(([name]) => name === field)?.[1] ?? 'plain';
  const fresh = [...layout.map(([field]) => field), ...Object.keys(record).filter((field) => !layout.some(([name]) => name === field))].filter((field) => record[field] !== undefined);
  const order = written ? fieldOrder(written.map((field) => field.key).filter((field) => record[field] !== undefined), fresh) : fresh;
  const fields = order
    .map((field) => {
      const kept = written?.find((candidate) => candidate.key === field);
      return kept && canonicalJson(kept.value) === canonicalJson(record[field]) ? kept.text : renderField(field, record[field], styleOf(field), contentIndent);
    })
    .join('');
  const item = indentItem(fields, indent);
  // Styles are a nicety; the data must survive. Fall back to fresh fields (a kept one may hold an
  // alias of another record's anchor), then to the library's own choices, if it would not.
  if (parsesTo(item, [record])) return item;
  if (written) return renderRecord(record, layout, indent);
  return indentItem(new Document(record).toString(), indent);
}

function parsesTo(text: string, data: unknown): boolean {
  try {
    return canonicalJson(parse(text)) === canonicalJson(data);
  } catch {
    return false;
  }
}

/** The fields as written, in their order, with each new one after the last field that comes before it in `fresh`. */
function fieldOrder(writtenOrder: readonly string[], fresh: readonly string[]): string[] {
  const order = [...writtenOrder];
  for (const [rank, field] of fresh.entries()) {
    if (order.includes(field)) continue;
    const before = fresh.slice(0, rank).filter((earlier) => order.includes(earlier));
    const after = before.length > 0 ? Math.max(...before.map((earlier) => order.indexOf(earlier))) : -1;
    order.splice(after + 1, 0, field);
  }
  return order;
}

/**
 * The fields of one record as written (see `WrittenField`); null when the record is not a block
 * map whose every field starts at `contentIndent`, where texts could not be put back as they were.
 */
function writtenFields(text: string, item: unknown, value: unknown, contentIndent: number): WrittenField[] | null {
  if (!isMap(item) || item.flow || typeof value !== 'object' || value === null) return null;
  const fields: WrittenField[] = [];
  let from = -1;
  for (const pair of item.items) {
    const keyRange = isNode(pair.key) ? pair.key.range : undefined;
    const end = isNode(pair.value) ? pair.value.range?.[1] : keyRange?.[1];
    if (!keyRange || end === undefined || !isScalar(pair.key) || typeof pair.key.value !== 'string') return null;
    if (keyRange[0] - lineStartAt(text, keyRange[0]) !== contentIndent) return null;
    let last = end;
    while (last > keyRange[0] && /\s/.test(text[last - 1] ?? '')) last--;
    const start = from < 0 ? keyRange[0] : from;
    const stop = lineEndAt(text, last - 1);
    // The first field's text starts at its key; every other's at the start of a line.
    const lines = text.slice(start, stop).replace(/\n$/, '').split('\n');
    const indented = from < 0 ? lines.slice(1) : lines;
    const margin = ' '.repeat(contentIndent);
    if (indented.some((line) => line !== '' && !line.startsWith(margin))) return null;
    const own = lines.map((line, i) => (i === 0 && from < 0 ? line : line.slice(contentIndent))).join('\n');
    fields.push({ key: pair.key.value, value: (value as Record<string, unknown>)[pair.key.value], text: `${own}\n` });
    from = stop;
  }
  return fields;
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
