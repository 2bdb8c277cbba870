import { rename, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, KnowledgeInvalidError, type KnowledgeStore, type ReloadEvent } from '../../src/store/knowledgeStore.ts';
import { lineOf } from '../support/tempKnowledge.ts';
import { makeSandbox, termYaml, waitFor, type Sandbox } from './sandbox.ts';
import { answerIdOf } from '../support/replies.ts';

const quokka = termYaml('quokka-accord', 'Quokka accord', 'A made-up clause that only exists in this test.');
const wombat = termYaml('wombat-clause', 'Wombat clause', 'Another made-up clause, written in a second chunk.');

let kb: Sandbox;
let store: KnowledgeStore;
let events: ReloadEvent[];

async function openStore(debounceMs = 40): Promise<KnowledgeStore> {
  store = await createKnowledgeStore({ dir: kb.dir, debounceMs });
  events = [];
  store.onReload((event) => events.push(event));
  return store;
}

const termIds = (event: ReloadEvent) => event.snapshot.knowledge.terms.map((term) => term.id);

beforeEach(async () => {
  kb = await makeSandbox();
});
afterEach(async () => {
  await store?.close();
  await kb.remove();
});

describe('reload', () => {
  it('serves version 1 and keeps it when nothing changed', async () => {
    await openStore();
    const first = store.current();
    expect(first.version).toBe(1);
    const result = await store.reload({ kind: 'request', by: 'a test' });
    expect(result).toMatchObject({ ok: true, version: 1, changes: { added: [], changed: [], removed: [] } });
    expect(store.current()).toBe(first);
    expect(store.stats()).toMatchObject({ version: 1, lastReason: 'reload requested by a test', lastResult: { ok: true }, watching: false });
  });

  it('swaps to the new knowledge and lists what changed, while a question in flight keeps its snapshot', async () => {
    await openStore();
    const inFlight = store.current();
    await kb.append('terms.yaml', quokka);
    await kb.editYaml('terms.yaml', (doc) => doc.setIn(['terms', 0, 'definition'], 'Changed by the test.'));
    await kb.editYaml('sources.yaml', (doc) => doc.setIn(['sources', 0, 'description'], 'Changed by the test.'));
    const removedTerm = inFlight.knowledge.terms.at(-1)!.id;
    await kb.editYaml('terms.yaml', (doc) => doc.deleteIn(['terms', inFlight.knowledge.terms.length - 1]));

    const result = await store.reload({ kind: 'request', by: 'a moderator' });
    expect(result).toEqual({
      ok: true,
      version: 2,
      changes: {
        added: ['term:quokka-accord'],
        changed: [`term:${inFlight.knowledge.terms[0]!.id}`, `source:${inFlight.knowledge.sources[0]!.id}`],
        removed: [`term:${removedTerm}`],
      },
      counts: expect.objectContaining({ terms: inFlight.knowledge.terms.length }),
    });
    expect(store.current().engine.ask('what is the quokka accord?')).toMatchObject({ status: 'answered', kind: 'term', id: 'quokka-accord' });
    expect(inFlight.version).toBe(1);
    expect(answerIdOf(inFlight.engine.ask('what is the quokka accord?'))).not.toBe('quokka-accord');
  });

  const brokenEdits = [
    {
      name: 'a YAML syntax error',
      edit: async () => kb.append('terms.yaml', '  - id: broken\n    term: [unclosed\n'),
      // The parser notices the unclosed list where the file ends.
      expected: async () => new RegExp(`terms\\.yaml:(${lineOf(await kb.read('terms.yaml'), '[unclosed')}|${lineOf(await kb.read('terms.yaml'), '[unclosed') + 1}): YAML syntax error`),
    },
    {
      name: 'a duplicate id',
      edit: async () => kb.append('terms.yaml', termYaml('azure', 'Azure twice', 'Same id as the first term.')),
      expected: async () => new RegExp(`terms\\.yaml:${lineOf(await kb.read('terms.yaml'), 'term: Azure twice') - 1} terms\\[\\d+\\] \\(azure\\)\\.id: duplicate id "azure"`),
    },
    {
      name: 'a dangling source',
      edit: async () => kb.append('terms.yaml', termYaml('quokka-accord', 'Quokka accord', 'Cites nothing real.').replace('[article]', '[no-such-source]')),
      expected: async () => new RegExp(`terms\\.yaml:${lineOf(await kb.read('terms.yaml'), 'no-such-source')} terms\\[\\d+\\] \\(quokka-accord\\)\\.sources\\[0\\]: unknown source "no-such-source"`),
    },
  ];

  it.each(brokenEdits)('keeps serving the last good knowledge after $name and reports file:line', async ({ edit, expected }) => {
    await openStore();
    const before = store.current();
    const answer = before.engine.ask('what is azure');
    await edit();
    const result = await store.reload({ kind: 'request', by: 'a test, after a broken edit' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(formatProblem).join('\n')).toMatch(await expected());
    expect(store.current()).toBe(before);
    expect(store.current().engine.ask('what is azure')).toEqual(answer);
    expect(store.stats().lastResult).toEqual({ ok: false, problemCount: result.problems.length });
    expect((await store.validate()).ok).toBe(false);
  });

  it('refuses to start from invalid knowledge', async () => {
    await kb.append('terms.yaml', '  - id: broken\n    term: [unclosed\n');
    await expect(createKnowledgeStore({ dir: kb.dir })).rejects.toBeInstanceOf(KnowledgeInvalidError);
  });
});

describe('watch', () => {
  it('picks up a valid edit without a restart', async () => {
    await openStore();
    store.watch();
    await kb.append('terms.yaml', quokka);
    await waitFor('version 2', () => store.current().version === 2);
    expect(store.current().engine.ask('what is the quokka accord?')).toMatchObject({ status: 'answered', id: 'quokka-accord' });
    expect(events.map((e) => e.result.ok)).toEqual([true]);
    expect(store.stats()).toMatchObject({ version: 2, watching: true, lastReason: 'files changed on disk' });
  });

  it('reports an invalid edit with file:line, keeps the old answers, then takes the fix', async () => {
    await openStore();
    store.watch();
    await kb.append('terms.yaml', termYaml('azure', 'Azure twice', 'Same id as the first term.'));
    const failure = await waitFor('a failed reload', () => events.find((e) => !e.result.ok));
    expect(failure.result.ok ? [] : failure.result.problems.map(formatProblem)).toEqual([expect.stringMatching(/terms\.yaml:\d+ terms\[\d+\] \(azure\)\.id: duplicate id "azure"/)]);
    expect(failure.snapshot.version).toBe(1);
    expect(store.current().version).toBe(1);

    await kb.write('terms.yaml', (await kb.read('terms.yaml')).replace('- id: azure\n    term: Azure twice', '- id: azure-twice\n    term: Azure twice'));
    await waitFor('version 2', () => store.current().version === 2);
    expect(store.current().knowledge.terms.map((t) => t.id)).toContain('azure-twice');
  });

  it('never serves a file written in two quick chunks half-way, even when the half is valid', async () => {
    await openStore(200);
    store.watch();
    const whole = (await kb.read('terms.yaml')) + quokka + wombat;
    const cut = whole.length - wombat.length; // the first chunk is itself a valid file with one new term
    await writeFile(kb.file('terms.yaml'), whole.slice(0, cut));
    await kb.append('terms.yaml', whole.slice(cut));
    await waitFor('version 2', () => store.current().version === 2);
    expect(store.current().knowledge.terms.map((t) => t.id)).toEqual(expect.arrayContaining(['quokka-accord', 'wombat-clause']));
    expect(events.filter((e) => e.result.ok).map(termIds).every((ids) => ids.includes('wombat-clause') || !ids.includes('quokka-accord'))).toBe(true);
  });

  it('rejects the half of a file written in two slow chunks and ends on the whole file', async () => {
    await openStore();
    store.watch();
    const whole = (await kb.read('terms.yaml')) + quokka + wombat;
    // Cut about half-way, inside a `[...]` list, as a slow writer might leave it.
    const cut = whole.indexOf('sources: [', whole.length / 2) + 'sources: [ar'.length;
    await writeFile(kb.file('terms.yaml'), whole.slice(0, cut));
    await waitFor('the half file to be rejected', () => events.some((e) => !e.result.ok));
    expect(store.current().version).toBe(1);

    await kb.append('terms.yaml', whole.slice(cut));
    await waitFor('version 2', () => store.current().version === 2);
    expect(await kb.read('terms.yaml')).toBe(whole);
    expect(store.current().knowledge.terms.map((t) => t.id)).toEqual(expect.arrayContaining(['quokka-accord', 'wombat-clause']));
    expect(events.map((e) => e.result.ok)).toEqual([false, true]);
  });

  it('picks up an editor-style save (temp file renamed over the original) and ignores temp files', async () => {
    await openStore();
    store.watch();
    await writeFile(kb.file('terms.yaml~'), 'terms: [this is a backup, not knowledge\n');
    await writeFile(kb.file('.terms.yaml.swp'), 'binary swap junk');
    await writeFile(kb.file('.terms.yaml.tmp'), (await kb.read('terms.yaml')) + quokka);
    await rename(kb.file('.terms.yaml.tmp'), kb.file('terms.yaml'));
    await waitFor('version 2', () => store.current().version === 2);
    expect(store.current().knowledge.terms.map((t) => t.id)).toContain('quokka-accord');
    expect(events.map((e) => e.result.ok)).toEqual([true]);
  });

  it('does not reload when the files are rewritten unchanged or other files change', async () => {
    await openStore();
    store.watch();
    await kb.write('faq.yaml', await kb.read('faq.yaml'));
    await kb.append('regressions.yaml', '\n# a comment added by a moderator\n');
    await kb.append('terms.yaml', quokka); // a real change, to know the others have been seen
    await waitFor('version 2', () => store.current().version === 2);
    expect(events).toHaveLength(1);
    expect(events[0]?.result).toMatchObject({ ok: true, changes: { added: ['term:quokka-accord'], changed: [], removed: [] } });
  });
});
