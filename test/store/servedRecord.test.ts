import { readdir, utimes } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { servedFaq, servedTerm } from '../../src/store/servedRecord.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

let kb: Sandbox;
let store: KnowledgeStore;
beforeEach(async () => {
  kb = await makeSandbox();
  // As files are on a server: saved well before the bot loads them.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const name of await readdir(kb.dir)) await utimes(kb.file(name), anHourAgo, anHourAgo);
  store = await createKnowledgeStore({ dir: kb.dir });
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

describe('opening a record from the served knowledge (what /kb edit fills its form with)', () => {
  it('gives every record with the same version its file gives, so a save from it is not a conflict', async () => {
    const writer = createKnowledgeWriter({ dir: kb.dir });
    const { knowledge } = store.current();
    for (const { id } of knowledge.faq) expect(await servedFaq(store, id)).toEqual(await writer.readFaq(id));
    for (const { id } of knowledge.terms) expect(await servedTerm(store, id)).toEqual(await writer.readTerm(id));
  });

  it('gives nothing for a record the bot does not serve', async () => {
    expect(await servedFaq(store, 'no-such-record')).toBeNull();
    expect(await servedTerm(store, 'any-cloud-provider')).toBeNull();
  });

  it('gives nothing once the file is saved after the served knowledge was loaded: the file must be read', async () => {
    expect(await servedFaq(store, 'any-cloud-provider')).not.toBeNull();
    await kb.append('faq.yaml', '\n# saved by hand\n');
    expect(await servedFaq(store, 'any-cloud-provider')).toBeNull();
    // The terms file was not touched.
    expect(await servedTerm(store, 'azure')).not.toBeNull();
  });
});
