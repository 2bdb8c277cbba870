// The sentence encoder with its real weights, in its worker thread, on a knowledge base of a few
// records. The model is loaded once for the file (about 1.5 s).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { meaningSearchOff, startMeaningSearch } from '../../src/meaning/meaningSearch.ts';
import { startWorkerEmbedder, type TextEmbedder } from '../../src/meaning/textEmbedder.ts';

function knowledgeOf(faq: { id: string; question: string; alternates: string[] }[]): Knowledge {
  return {
    about: { topic: 'a small company', example: faq[0]!.question },
    sources: [{ id: 'memo', title: 'Company memo' }],
    faq: faq.map((record) => ({ ...record, answer: `About ${record.id}.`, sources: ['memo'], related: [] })),
    terms: [],
    table: {
      id: 'plans',
      title: 'Old and new plans',
      columns: ['Feature', 'Old', 'New'],
      rows: [{ feature: 'Price', aliases: [], cells: ['High', 'Low'] }],
      triggers: ['compare the plans'],
      sources: ['memo'],
    },
    synonyms: {},
    concepts: {},
  };
}

const records = [
  { id: 'cloud-choice', question: 'Can the company run its services on any cloud provider?', alternates: ['Is the company tied to a single cloud?'] },
  { id: 'revenue-share', question: 'Does the company still pay a share of its revenue to its partner?', alternates: ['How much of its income goes to the partner?'] },
  { id: 'office-hours', question: 'When is the office open?', alternates: ['What are the opening hours of the office?'] },
];
const knowledge = knowledgeOf(records);
const phrasings = records.length * 2 + 2;

let embedder: Promise<TextEmbedder>;
let dir: string;
beforeAll(async () => {
  embedder = startWorkerEmbedder();
  dir = await mkdtemp(path.join(tmpdir(), 'faq-meaning-'));
  await embedder;
}, 60_000);
afterAll(async () => {
  await (await embedder).close();
  await rm(dir, { recursive: true, force: true });
});

describe('meaning search', () => {
  it('finds the record a reworded question means, once its phrasings are embedded', async () => {
    const search = startMeaningSearch(knowledge, { cacheFile: null, embedder });
    // Nothing to answer from yet: the caller answers lexically meanwhile.
    expect(search.status().state).not.toBe('ready');
    expect(await search.nearest('can they use amazon web services or google cloud now?', 3)).toBeNull();
    const report = await search.firstIndex;
    expect(report).toMatchObject({ records: 4, phrasings, embedded: phrasings });
    expect(search.status()).toEqual({ state: 'ready', records: 4, phrasings });
    expect((await search.nearest('can they use amazon web services or google cloud now?', 3))?.[0]?.key).toBe('faq:cloud-choice');
    expect((await search.nearest('what time do you open in the morning?', 3))?.[0]?.key).toBe('faq:office-hours');
    expect((await search.nearest('do they still hand over part of what they earn?', 3))?.[0]?.key).toBe('faq:revenue-share');
    await search.close();
  });

  it('embeds a phrasing once: a restart reads them all from the cache, an edit re-embeds only the phrasing changed', async () => {
    const cacheFile = path.join(dir, 'embeddings.bin');
    const first = startMeaningSearch(knowledge, { cacheFile, embedder });
    expect((await first.firstIndex).embedded).toBe(phrasings);
    await first.close();

    const restarted = startMeaningSearch(knowledge, { cacheFile, embedder });
    expect(await restarted.firstIndex).toMatchObject({ phrasings, embedded: 0 });
    expect((await restarted.nearest('what are your opening times?', 1))?.[0]?.key).toBe('faq:office-hours');

    const edited = knowledgeOf([records[0]!, records[1]!, { ...records[2]!, alternates: ['Which days is the office closed?'] }]);
    expect(await restarted.setKnowledge(edited)).toMatchObject({ phrasings, embedded: 1 });
    expect((await restarted.nearest('which days is it shut?', 1))?.[0]).toMatchObject({ key: 'faq:office-hours', phrasing: 'Which days is the office closed?' });
    await restarted.close();
  });

  it('keeps answering from the previous knowledge while a reload is embedded', async () => {
    const search = startMeaningSearch(knowledge, { cacheFile: null, embedder });
    await search.firstIndex;
    const reloaded = knowledgeOf([{ id: 'parking', question: 'Where can staff park their cars?', alternates: ['Is there a car park?'] }]);
    const reload = search.setKnowledge(reloaded);
    expect((await search.nearest('when is the office open?', 1))?.[0]?.key).toBe('faq:office-hours');
    expect((await reload).embedded).toBe(2);
    expect((await search.nearest('when is the office open?', 1))?.[0]?.key).toBe('faq:parking');
    await search.close();
  });

  it("reads a long message's last pieces, where it asks: what comes before them does not change its neighbours", async () => {
    const search = startMeaningSearch(knowledge, { cacheFile: null, embedder });
    await search.firstIndex;
    const question = 'so tell me please, on which weekdays and at what time in the morning is the office open for visitors, and when does it close again in the evening?';
    const asked = [
      `I run a small bakery downtown and we have been thinking about the cloud and our revenue for months. ${question}`,
      `My cousin works in finance and keeps asking me about the partner's share of the income. ${question}`,
    ];
    const [first, second] = await Promise.all(asked.map((message) => search.nearest(message, 4)));
    expect(first?.[0]?.key).toBe('faq:office-hours');
    // Read whole, the two openings (about money and clouds, unlike each other) move every similarity.
    expect(second).toEqual(first);
    // A short question is read whole: one more word at its start is read.
    const [short, longer] = await Promise.all(['when is the office open?', 'tell me, when is the office open?'].map((message) => search.nearest(message, 1)));
    expect(longer?.[0]?.similarity).not.toBe(short?.[0]?.similarity);
    await search.close();
  });

  it('answers nothing when turned off', async () => {
    expect(meaningSearchOff.status()).toEqual({ state: 'off' });
    expect(await meaningSearchOff.nearest('when is the office open?', 1)).toBeNull();
  });
});
