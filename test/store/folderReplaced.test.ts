import { appendFile, cp, mkdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { makeSandbox, termYaml, waitFor, type Sandbox } from './sandbox.ts';

const quokka = termYaml('quokka-accord', 'Quokka accord', 'A made-up clause that only exists in this test.');
const wombat = termYaml('wombat-clause', 'Wombat clause', 'Another made-up clause, added after the swap.');

let kb: Sandbox;
let store: KnowledgeStore | null = null;

const termIds = () => store!.current().knowledge.terms.map((term) => term.id);

beforeEach(async () => {
  kb = await makeSandbox();
});
afterEach(async () => {
  await store?.close();
  store = null;
  await kb.remove();
});

async function watchStore(dir: string): Promise<KnowledgeStore> {
  store = await createKnowledgeStore({ dir, debounceMs: 40, folderPollMs: 50 });
  store.watch();
  return store;
}

describe('the knowledge folder replaced while watching', () => {
  it('follows `mv knowledge knowledge.old && mv knowledge.new knowledge`, then keeps watching the new folder', async () => {
    await watchStore(kb.dir);
    const next = path.join(kb.root, 'knowledge.new');
    await cp(kb.dir, next, { recursive: true });
    await appendFile(path.join(next, 'terms.yaml'), quokka);
    await rename(kb.dir, path.join(kb.root, 'knowledge.old'));
    await rename(next, kb.dir);

    await waitFor('the new folder to be served', () => termIds().includes('quokka-accord'), 5_000);
    expect(store!.stats().watching).toBe(true);

    await kb.append('terms.yaml', wombat); // an edit in the new folder
    await waitFor('an edit in the new folder to be served', () => termIds().includes('wombat-clause'), 5_000);
  });

  it('says it is not watching while the folder is gone, and resumes when it is back', async () => {
    await watchStore(kb.dir);
    const copy = path.join(kb.root, 'copy');
    await cp(kb.dir, copy, { recursive: true });
    await rm(kb.dir, { recursive: true });
    await waitFor('stats to say not watching', () => !store!.stats().watching, 5_000);

    await cp(copy, kb.dir, { recursive: true });
    await waitFor('stats to say watching', () => store!.stats().watching, 5_000);
    await kb.append('terms.yaml', quokka);
    await waitFor('an edit in the restored folder to be served', () => termIds().includes('quokka-accord'), 5_000);
  });

  it('follows a re-pointed symlink (releases/v1 → releases/v2) and watches the new target', async () => {
    const releases = path.join(kb.root, 'releases');
    await mkdir(releases);
    await cp(kb.dir, path.join(releases, 'v1'), { recursive: true });
    await cp(kb.dir, path.join(releases, 'v2'), { recursive: true });
    await appendFile(path.join(releases, 'v2', 'terms.yaml'), quokka);
    const current = path.join(kb.root, 'current');
    await symlink(path.join('releases', 'v1'), current);
    await watchStore(current);

    await symlink(path.join('releases', 'v2'), `${current}.tmp`);
    await rename(`${current}.tmp`, current); // atomic re-point, as deploy tools do it

    await waitFor('v2 to be served', () => termIds().includes('quokka-accord'), 5_000);
    await appendFile(path.join(releases, 'v2', 'terms.yaml'), wombat);
    await waitFor('an edit in v2 to be served', () => termIds().includes('wombat-clause'), 5_000);
    expect(store!.stats().watching).toBe(true);
  });
});
