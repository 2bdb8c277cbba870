import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { makeSandbox, termYaml, type Sandbox } from './sandbox.ts';

// Large knowledge is reloaded in a worker thread; forcing it at any size checks that path end to end.
let kb: Sandbox;
let store: KnowledgeStore;

beforeEach(async () => {
  kb = await makeSandbox();
  store = await createKnowledgeStore({ dir: kb.dir, debounceMs: 40, offThreadFromBytes: 0 });
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

describe('reloading in a worker thread', () => {
  it('serves the new knowledge, every FAQ record of it, and answers from it', async () => {
    const before = store.current();
    await kb.append('terms.yaml', termYaml('quokka-accord', 'Quokka accord', 'A made-up clause that only exists in this test.'));
    const result = await store.reload({ kind: 'request', by: 'a test' });
    expect(result).toMatchObject({ ok: true, version: 2, changes: { added: ['term:quokka-accord'] } });
    const after = store.current();
    expect(after.knowledge.faq.map((faq) => faq.id)).toEqual(before.knowledge.faq.map((faq) => faq.id));
    expect(after.engine.ask('what is the quokka accord?')).toMatchObject({ status: 'answered', kind: 'term', id: 'quokka-accord' });
  });

  it('reports a broken file with its line and keeps the last good knowledge', async () => {
    const before = store.current();
    await kb.append('terms.yaml', '  - id: broken\n    term: [unclosed\n');
    const result = await store.reload({ kind: 'request', by: 'a test' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem).join('\n')).toMatch(/terms\.yaml:\d+/);
    expect(store.current()).toBe(before);
  });
});
