import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, type KnowledgeStore, type ReloadEvent } from '../../src/store/knowledgeStore.ts';
import { aliasBomb } from '../knowledge/hostileYaml.ts';
import { makeSandbox, waitFor, type Sandbox } from './sandbox.ts';

let kb: Sandbox;
let store: KnowledgeStore;
let events: ReloadEvent[];

beforeEach(async () => {
  kb = await makeSandbox();
  store = await createKnowledgeStore({ dir: kb.dir, debounceMs: 40 });
  events = [];
  store.onReload((event) => events.push(event));
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

const problemsOf = (event: ReloadEvent) => (event.result.ok ? [] : event.result.problems.map(formatProblem));

describe('a YAML alias bomb', () => {
  it('is refused by /kb reload with file:line, and the last good knowledge stays', async () => {
    const before = store.current();
    await kb.append('faq.yaml', aliasBomb());
    const result = await store.reload({ kind: 'request', by: 'a moderator' });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([expect.stringMatching(/faq\.yaml:\d+: YAML aliases expand to more than \d+ values/)]);
    expect(store.current()).toBe(before);
    expect((await store.validate()).ok).toBe(false);
  });

  it('saved while watching gives a failed reload event with file:line (what the mod-log posts)', async () => {
    store.watch();
    await kb.append('faq.yaml', aliasBomb());
    const failure = await waitFor('a failed reload', () => events.find((event) => !event.result.ok), 5_000);
    expect(problemsOf(failure)).toEqual([expect.stringMatching(/faq\.yaml:\d+: YAML aliases expand to more than \d+ values/)]);
    expect(store.current().version).toBe(1);
  });
});

describe('files that are not ordinary files', () => {
  it('a FIFO saved over terms.yaml is refused promptly, and the store still closes', async () => {
    store.watch();
    await rm(kb.file('terms.yaml'));
    execFileSync('mkfifo', [kb.file('terms.yaml')]);
    const failure = await waitFor('a failed reload', () => events.find((event) => !event.result.ok), 5_000);
    expect(problemsOf(failure)).toEqual([expect.stringMatching(/terms\.yaml: is not a regular file \(a FIFO\)/)]);
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
