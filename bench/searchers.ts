import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import FlexSearch from 'flexsearch';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createAnswerEngine } from '../src/answer/answerEngine.ts';

export interface Searcher {
  readonly name: string;
  /** Far slower at thousands of records (Fuse scans every phrasing, fuzzy MiniSearch expands every word): asked fewer questions. */
  readonly slow?: boolean;
  search(question: string): unknown;
  /** The id of the record it ranks first. */
  top(question: string): string | null;
}

/** Every phrasing of every record, which is what the baselines index (they have no notion of an answer body). */
export function phrasingsOf(knowledge: Knowledge): { key: number; id: string; text: string }[] {
  const all = [
    ...knowledge.faq.flatMap((faq) => [faq.question, ...faq.alternates].map((text) => ({ id: faq.id, text }))),
    ...knowledge.terms.flatMap((term) => [term.term, ...term.aliases].map((text) => ({ id: term.id, text }))),
    ...knowledge.table.triggers.map((text) => ({ id: knowledge.table.id, text })),
  ];
  return all.map((phrasing, key) => ({ key, ...phrasing }));
}

export function engineSearcher(knowledge: Knowledge): Searcher {
  const engine = createAnswerEngine(knowledge);
  return { name: 'answer engine', search: (q) => engine.ask(q), top: (q) => engine.explain(q).candidates[0]?.record.id ?? null };
}

function fuseSearcher(knowledge: Knowledge): Searcher {
  const fuse = new Fuse(phrasingsOf(knowledge), { keys: ['text'] });
  return { name: 'Fuse, default options', slow: true, search: (q) => fuse.search(q, { limit: 5 }), top: (q) => fuse.search(q, { limit: 1 })[0]?.item.id ?? null };
}

function miniSearcher(knowledge: Knowledge): Searcher {
  const docs = phrasingsOf(knowledge);
  const mini = new MiniSearch<{ key: number; id: string; text: string }>({ idField: 'key', fields: ['text'], searchOptions: { fuzzy: 0.2 } });
  mini.addAll(docs);
  const top = (q: string) => {
    const [first] = mini.search(q);
    return first ? (docs[first.id as number]?.id ?? null) : null;
  };
  return { name: 'MiniSearch 7, fuzzy', slow: true, search: (q) => mini.search(q).slice(0, 5), top };
}

function flexSearcher(knowledge: Knowledge): Searcher {
  const docs = phrasingsOf(knowledge);
  const index = new FlexSearch.Index({ tokenize: 'forward' });
  for (const doc of docs) index.add(doc.key, doc.text);
  const top = (q: string) => {
    const [first] = index.search(q, { limit: 1, suggest: true });
    return first === undefined ? null : (docs[Number(first)]?.id ?? null);
  };
  return { name: 'FlexSearch 0.8, suggest', search: (q) => index.search(q, { limit: 5, suggest: true }), top };
}

export const baselineSearchers: readonly ((knowledge: Knowledge) => Searcher)[] = [miniSearcher, flexSearcher, fuseSearcher];

let collect: (() => void) | null = null;
/** Heap in use after a full garbage collection, so a build's own memory can be told apart. */
export function heapUsedAfterGc(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}
