import { appendFile, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import type { Knowledge } from '../src/knowledge/schema.ts';
import { createKnowledgeStore, type KnowledgeStore, type ReloadResult } from '../src/store/knowledgeStore.ts';
import { createKnowledgeWriter } from '../src/store/knowledgeWriter.ts';

/**
 * The node flags `npm start` runs the bot with (package.json; a test keeps the two the same): a young
 * generation of at most 4 MiB per semi-space keeps each scavenge short while a reload's records
 * arrive from the loading thread, all of them surviving.
 */
export const botNodeFlags: readonly string[] = ['--max-semi-space-size=4'];

export interface ReloadMeasurement {
  readonly reloadMs: number;
  readonly maxDelayMs: number;
  readonly p99DelayMs: number;
  readonly answered: number;
  readonly slowestAnswerMs: number;
}

/**
 * The bundled sources.yaml without the sources' whole text: the generated records' quotes are made-up
 * words, which validation would refuse as not word for word in the article; without the text it does
 * not check them, and the files load as a knowledge base of that size would.
 */
function sourcesWithoutText(yamlText: string): string {
  const doc = parseDocument(yamlText);
  const sources = doc.get('sources');
  if (isSeq(sources)) for (const source of sources.items) if (isMap(source)) source.delete('text');
  return doc.toString();
}

/** What changes the knowledge: a file saved and a reload asked for, or a moderator's edit of one record. */
export type KnowledgeChange = 'file' | 'edit';

/**
 * Writes `knowledge` as knowledge files, opens the bot's store on them, changes them and reloads
 * while asking a question every 10 ms, as a bot would be asked while a moderator edits: how long the
 * event loop waits at worst is how long a reply can be held up. An edit is the writer's whole path:
 * open the record (as /kb faq edit does for its form), save it with one more alternate, reload.
 */
export async function measureReload(knowledge: Knowledge, change: KnowledgeChange = 'file'): Promise<ReloadMeasurement> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-bench-'));
  try {
    for (const file of ['terms.yaml', 'table.yaml', 'synonyms.yaml']) await copyFile(path.join(bundledKnowledgeDir, file), path.join(dir, file));
    await writeFile(path.join(dir, 'sources.yaml'), sourcesWithoutText(await readFile(path.join(bundledKnowledgeDir, 'sources.yaml'), 'utf8')));
    await writeFile(path.join(dir, 'faq.yaml'), stringify({ faq: knowledge.faq }, { lineWidth: 0 }));
    const maxFileBytes = 64 * 2 ** 20;
    const store = await createKnowledgeStore({ dir, maxFileBytes });
    try {
      if (change === 'file') await appendFile(path.join(dir, 'synonyms.yaml'), '\n# changed by the benchmark\n');
      const delay = monitorEventLoopDelay({ resolution: 5 });
      let answered = 0;
      let slowestAnswerMs = 0;
      const asker = setInterval(() => {
        const start = performance.now();
        store.current().engine.ask('does openai still pay microsoft a revenue share?');
        slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - start);
        answered++;
      }, 10);
      delay.enable();
      const start = performance.now();
      const result = change === 'file' ? await store.reload({ kind: 'request', by: 'the benchmark' }) : await editOneRecord(knowledge, dir, store, maxFileBytes);
      const reloadMs = performance.now() - start;
      delay.disable();
      clearInterval(asker);
      if (!result.ok || result.version !== 2) throw new Error(`the benchmark's reload did not swap: ${JSON.stringify(result).slice(0, 500)}`);
      return { reloadMs, maxDelayMs: delay.max / 1e6, p99DelayMs: delay.percentile(99) / 1e6, answered, slowestAnswerMs };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function editOneRecord(knowledge: Knowledge, dir: string, store: KnowledgeStore, maxFileBytes: number): Promise<ReloadResult> {
  const writer = createKnowledgeWriter({ dir, store, maxFileBytes, auditLogPath: path.join(dir, 'audit.log.jsonl') });
  const id = knowledge.faq[Math.floor(knowledge.faq.length / 2)]?.id ?? '';
  const opened = await writer.readFaq(id);
  if (!opened) throw new Error(`the benchmark's record ${id} is not in the file it wrote`);
  const edit = await writer.updateFaq(id, { ...opened.record, alternates: [...opened.record.alternates, 'one more way to ask it'] }, opened.version, { id: '1', tag: 'bench' });
  if (!edit.ok || !edit.reload) throw new Error(`the benchmark's edit was not saved: ${JSON.stringify(edit).slice(0, 500)}`);
  return edit.reload;
}
