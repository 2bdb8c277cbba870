import { isAlias, isCollection, isMap, isNode, isPair, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { KnowledgeProblem } from './knowledgeProblem.ts';
import { readTextFile, type ReadLimits } from './readTextFile.ts';

export type FieldPath = readonly PropertyKey[];

/** A parsed YAML knowledge file that can say which line any field of its data came from. */
export interface YamlFile {
  readonly displayPath: string;
  readonly data: unknown;
  /** The parsed document, with each node's place in the text (null when the file could not be read). */
  readonly document: Document | null;
  /** Problems found while reading or parsing; when non-empty, `data` is not trustworthy. */
  readonly problems: readonly KnowledgeProblem[];
  lineOf(path: FieldPath): number | null;
  /** `faq[3] (ip-license).answer` for `['faq', 3, 'answer']`. */
  describe(path: FieldPath): string;
  /** A problem located at `path` in this file. */
  problemAt(path: FieldPath, message: string): KnowledgeProblem;
}

/**
 * How many values aliases (`*name`) may add to one file. Sharing a list of sources between a few
 * hundred records adds a few hundred; anchors nested in anchors ("billion laughs") add billions.
 */
export const maxAliasedValues = 10_000;

/** `toJS` options for knowledge files; the library's own alias check is a second line of defence. */
export const yamlToJsOptions = { maxAliasCount: maxAliasedValues } as const;

export async function readYamlFile(filePath: string, displayPath: string, limits: ReadLimits = {}): Promise<YamlFile> {
  const read = await readTextFile(filePath, limits);
  return read.text === null ? brokenFile(displayPath, read.problem.message, read.problem.line) : parseYamlText(read.text, displayPath);
}

/** Parses one file; never throws: anything wrong with the text is a problem at its line. */
export function parseYamlText(text: string, displayPath: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // The first syntax error only: the parser reads on past it, and what it reports after is mostly
  // the same mistake seen from further down (one tab-indented line gave ten errors).
  const [firstError] = doc.errors;
  const problems: KnowledgeProblem[] = firstError
    ? [{ file: displayPath, line: firstError.linePos?.[0]?.line ?? null, where: '', message: syntaxErrorMessage(firstError.message, doc.errors.length - 1) }]
    : [];
  const lineAt = (node: Node): number | null => (node.range ? lineCounter.linePos(node.range[0]).line : null);
  if (problems.length === 0) {
    const aliasProblem = checkAliases(doc, maxAliasedValues);
    if (aliasProblem) problems.push({ file: displayPath, line: lineAt(aliasProblem.at), where: '', message: aliasProblem.message });
  }
  let data: unknown = null;
  if (problems.length === 0) {
    try {
      data = doc.toJS(yamlToJsOptions);
    } catch (error) {
      // Not expected after the checks above; still a problem in this file, never an exception.
      const firstAlias = findFirstAlias(doc);
      problems.push({ file: displayPath, line: firstAlias ? lineAt(firstAlias) : null, where: '', message: `YAML error: ${firstLine(error instanceof Error ? error.message : String(error))}` });
    }
  }

  return locatedFile(displayPath, data, doc, problems, (path) => lineOfPath(doc, lineCounter, path));
}

/**
 * Walks the aliases in file order, adding up the values each one stands for (its anchor's, with
 * the aliases inside that counted too), and stops at the first that takes the total over `limit`,
 * that has no anchor before it, or that sits inside its own anchor (which would make a loop).
 */
function checkAliases(doc: Document, limit: number): { at: Node; message: string } | null {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  const sizes = new Map<Node, number>();
  const inProgress = new Set<Node>();
  let looped = false;
  // Values `node` stands for, saturating just over the limit so no count can grow without bound.
  const sizeOf = (node: unknown): number => {
    if (!isNode(node)) return node === null || node === undefined ? 0 : 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (inProgress.has(node)) {
      looped = true;
      return limit + 1;
    }
    inProgress.add(node);
    let size = 1;
    if (isAlias(node)) size = sizeOf(targets.get(node));
    else if (isCollection(node)) for (const item of node.items) size += isPair(item) ? sizeOf(item.key) + sizeOf(item.value) : sizeOf(item);
    inProgress.delete(node);
    size = Math.min(size, limit + 1);
    sizes.set(node, size);
    return size;
  };

  let total = 0;
  let found: { at: Node; message: string } | null = null;
  visit(doc, {
    Node(_key, node) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const target = anchors.get(node.source);
      targets.set(node, target);
      if (!target) {
        found = { at: node, message: `YAML alias *${node.source} has no anchor &${node.source} before it` };
        return visit.BREAK;
      }
      total += sizeOf(target);
      if (looped) {
        found = { at: node, message: `YAML alias *${node.source} is inside its own anchor &${node.source}, which makes a loop` };
        return visit.BREAK;
      }
      if (total > limit) {
        found = { at: node, message: `YAML aliases expand to more than ${limit} values by *${node.source} (anchors repeated inside anchors multiply); write the values out instead` };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function findFirstAlias(doc: Document): Node | null {
  let first: Node | null = null;
  visit(doc, {
    Alias(_key, node) {
      first = node;
      return visit.BREAK;
    },
  });
  return first;
}

/** A file with no usable text: missing, unreadable, too large, not UTF-8. */
export function brokenFile(displayPath: string, message: string, line: number | null = null): YamlFile {
  return locatedFile(displayPath, null, null, [{ file: displayPath, line, where: '', message }], () => null);
}
function locatedFile(
  displayPath: string,
  data: unknown,
  document: Document | null,
  problems: readonly KnowledgeProblem[],
  lineOf: (path: FieldPath) => number | null,
): YamlFile {
  const describe = (path: FieldPath): string => describePath(data, path);
  return {
    displayPath,
    data,
    document,
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

/** "YAML syntax error: Tabs are not allowed as indentation: indent with spaces (the parser found 9 more after it, …)". */
function syntaxErrorMessage(parserMessage: string, errorsAfter: number): string {
  const what = firstLine(parserMessage).replace(/ at line \d+, column \d+:?$/, '');
  const fix = /tab/i.test(what) ? ': indent with spaces' : '';
  const after = errorsAfter > 0 ? ` (the parser found ${errorsAfter} more after it, most likely caused by this one: fix it first)` : '';
  return `YAML syntax error: ${what}${fix}${after}`;
}
