import { readFile } from 'node:fs/promises';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { KnowledgeProblem } from './knowledgeProblem.ts';

export type FieldPath = readonly PropertyKey[];

/** A parsed YAML knowledge file that can say which line any field of its data came from. */
export interface YamlFile {
  readonly displayPath: string;
  readonly data: unknown;
  /** Problems found while reading or parsing; when non-empty, `data` is not trustworthy. */
  readonly problems: readonly KnowledgeProblem[];
  lineOf(path: FieldPath): number | null;
  /** `faq[3] (ip-license).answer` for `['faq', 3, 'answer']`. */
  describe(path: FieldPath): string;
  /** A problem located at `path` in this file. */
  problemAt(path: FieldPath, message: string): KnowledgeProblem;
}

export async function readYamlFile(filePath: string, displayPath: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : `cannot read file (${String(error)})`;
    return brokenFile(displayPath, reason);
  }
  return parseYamlText(text, displayPath);
}

export function parseYamlText(text: string, displayPath: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problems: KnowledgeProblem[] = doc.errors.map((error) => ({
    file: displayPath,
    line: error.linePos?.[0]?.line ?? null,
    where: '',
    message: `YAML syntax error: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  const data: unknown = problems.length === 0 ? doc.toJS() : null;

  return locatedFile(displayPath, data, problems, (path) => lineOfPath(doc, lineCounter, path));
}

function brokenFile(displayPath: string, message: string): YamlFile {
  return locatedFile(displayPath, null, [{ file: displayPath, line: null, where: '', message }], () => null);
}

function locatedFile(
  displayPath: string,
  data: unknown,
  problems: readonly KnowledgeProblem[],
  lineOf: (path: FieldPath) => number | null,
): YamlFile {
  const describe = (path: FieldPath): string => describePath(data, path);
  return {
    displayPath,
    data,
    problems,
    lineOf,
    describe,
    problemAt: (path, message) => ({ file: displayPath, line: lineOf(path), where: describe(path), message }),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** The line of the deepest node that exists along `path` (a missing field points at its record). */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: FieldPath): number | null {
  const keys = path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  for (let depth = keys.length; depth >= 0; depth--) {
    const prefix = keys.slice(0, depth);
    const node: unknown = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    // `getIn` returns scalars unwrapped for some shapes; find the pair's key node instead.
    const parent: unknown = depth > 0 ? (depth === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true)) : null;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isNode(item.key) && 'value' in item.key && item.key.value === prefix.at(-1));
      if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    }
  }
  return null;
}

/** Names a field the way a moderator reads the file: list index plus the record's id or feature. */
function describePath(data: unknown, path: FieldPath): string {
  let label = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      label += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const name = recordName(node);
      if (name) label += ` (${name})`;
    } else {
      const name = String(key);
      label += label ? `.${name}` : name;
      node = isPlainObject(node) ? node[name] : undefined;
    }
  }
  return label;
}

function recordName(node: unknown): string | null {
  if (!isPlainObject(node)) return null;
  for (const field of ['id', 'feature']) {
    const value = node[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
