// The bot's sentence encoder with its real weights, on a knowledge folder of three records: started
// without waiting, its embeddings cached in DATA_DIR, kept in step with reloads. The model is loaded
// once for the file (1.5–3 s).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { meaningEngineOptions, startKnowledgeMeaning } from '../../src/app/meaning.ts';
import { loadDecisionModel } from '../../src/meaning/fusedDecision.ts';
import type { IndexReport, MeaningSearch } from '../../src/meaning/meaningSearch.ts';
import { startWorkerEmbedder, type TextEmbedder } from '../../src/meaning/textEmbedder.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';

const silent = pino({ enabled: false });
const miniKnowledge = fileURLToPath(new URL('../fixtures/mini-knowledge/', import.meta.url));
// Three FAQ records of two phrasings, a term with one alias, the table's title and one trigger.
const phrasings = 3 * 2 + 2 + 2;

let embedder: Promise<TextEmbedder>;
let root: string;
beforeAll(async () => {
  embedder = startWorkerEmbedder();
  root = await mkdtemp(path.join(tmpdir(), 'faq-bot-meaning-'));
  await cp(miniKnowledge, path.join(root, 'knowledge'), { recursive: true });
  await embedder;
}, 60_000);
afterAll(async () => {
  await (await embedder).close();
  await rm(root, { recursive: true, force: true });
});

/** The store and the encoder as the bot starts them, with each index's report in turn. */
async function startBotMeaning(): Promise<{ store: KnowledgeStore; meaning: MeaningSearch; nextIndex: () => Promise<IndexReport> }> {
  const store = await createKnowledgeStore({ dir: path.join(root, 'knowledge'), engine: meaningEngineOptions(loadDecisionModel()) });
  const reports: IndexReport[] = [];
  const waiting: ((report: IndexReport) => void)[] = [];
  const meaning = startKnowledgeMeaning(store, {
    setting: 'on',
    dataDir: path.join(root, 'data'),
    logger: silent,
    embedder,
    onIndexed: (report) => (waiting.length > 0 ? waiting.shift()!(report) : reports.push(report)),
  });
  const nextIndex = () => (reports.length > 0 ? Promise.resolve(reports.shift()!) : new Promise<IndexReport>((resolve) => waiting.push(resolve)));
  return { store, meaning, nextIndex };
}

describe('the bot\'s sentence encoder', () => {
  it('answers by the words until its index is ready, then with the encoder\'s neighbours', async () => {
    const { store, meaning, nextIndex } = await startBotMeaning();
    try {
      const question = 'what time do you open in the morning?';
      const { engine } = store.current();
      // Started, not ready: the lexical reply, at once (no record shares enough words to be sure).
      expect(meaning.status().state).not.toBe('ready');
      expect(await answerQuestion(engine, question, { meaning })).toMatchObject({ status: 'suggestions' });

      expect(await nextIndex()).toMatchObject({ records: 5, phrasings, embedded: phrasings });
      expect(meaning.status()).toEqual({ state: 'ready', records: 5, phrasings });
      expect(await answerQuestion(engine, question, { meaning })).toMatchObject({ status: 'answered', id: 'office-hours' });
    } finally {
      await meaning.close();
      await store.close();
    }
  });

  // The bot of the test above ran in the same DATA_DIR.
  it('reads every phrasing from DATA_DIR on a restart, and embeds only the phrasing a reload changed', async () => {
    const { store, meaning, nextIndex } = await startBotMeaning();
    try {
      expect(await nextIndex()).toMatchObject({ phrasings, embedded: 0 });
      const faqFile = path.join(store.dir, 'faq.yaml');
      const faq = await readFile(faqFile, 'utf8');
      await writeFile(faqFile, faq.replace('What are the opening hours of the office?', 'Which days is the office closed?'));
      await store.reload({ kind: 'request', by: 'test' });
      expect(await nextIndex()).toMatchObject({ phrasings, embedded: 1 });
      expect((await meaning.nearest('which days is it shut?', 1))?.[0]).toMatchObject({ key: 'faq:office-hours', phrasing: 'Which days is the office closed?' });
    } finally {
      await meaning.close();
      await store.close();
    }
  });
});
