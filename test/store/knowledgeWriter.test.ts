import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter, recordVersion, type AuditEntry, type FaqInput, type KnowledgeWriter, type TermInput } from '../../src/store/knowledgeWriter.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

const mod = { id: '111111111111111111', tag: 'mod#0001' };
const otherMod = { id: '222222222222222222', tag: 'other#0002' };

const newFaq: FaqInput = {
  id: 'quokka-policy',
  question: 'Does the amendment say anything about quokkas?',
  alternates: ['Are quokkas covered by the partnership?'],
  answer: 'The article **never mentions** quokkas; this record exists only for a test.',
  sources: ['article'],
};
const newTerm: TermInput = { id: 'quokka', term: 'Quokka', aliases: ['quokkas'], definition: 'A small marsupial; here only for a test.', quote: 'Microsoft and OpenAI Amend Partnership', sources: ['article'] };

let kb: Sandbox;
let store: KnowledgeStore;
let writer: KnowledgeWriter;
let knowledge: Knowledge;

beforeEach(async () => {
  kb = await makeSandbox();
  store = await createKnowledgeStore({ dir: kb.dir });
  writer = createKnowledgeWriter({ dir: kb.dir, store });
  knowledge = store.current().knowledge;
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

/** The text before and after one `  - id: <id>` record, the way the file holds it. */
function around(text: string, id: string): { before: string; after: string } {
  const start = text.indexOf(`  - id: ${id}\n`);
  if (start < 0) throw new Error(`test setup: record ${id} not found`);
  const next = text.indexOf('\n  - id: ', start + 1);
  return { before: text.slice(0, start), after: next < 0 ? '' : text.slice(next) };
}

const commentsOf = (text: string) => text.split('\n').filter((line) => line.trimStart().startsWith('#'));

async function auditLines(): Promise<AuditEntry[]> {
  const text = await readFile(kb.auditLogPath, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEntry);
}

describe('FAQ edits', () => {
  it('adds a record at the end, leaving every other byte as it was, and the store serves it', async () => {
    const original = await kb.read('faq.yaml');
    const result = await writer.addFaq(newFaq, mod);
    expect(result).toMatchObject({ ok: true, action: 'add', record: { id: 'quokka-policy', related: [] }, reload: { ok: true, changes: { added: ['faq:quokka-policy'] } } });
    const text = await kb.read('faq.yaml');
    expect(text.startsWith(original)).toBe(true);
    expect(text.slice(original.length)).toBe(
      '\n  - id: quokka-policy\n    question: Does the amendment say anything about quokkas?\n    alternates:\n      - Are quokkas covered by the partnership?\n' +
        '    answer: >-\n      The article **never mentions** quokkas; this record exists only for a test.\n    sources: [article]\n    related: []\n',
    );
    expect(store.current().engine.ask('are quokkas covered by the deal?')).toMatchObject({ status: 'answered', kind: 'faq', id: 'quokka-policy' });
    expect((await writer.readFaq('quokka-policy'))?.version).toBe(result.ok ? result.version : null);
  });

  it('updates a record in place: comments and the other records stay byte-identical', async () => {
    const target = knowledge.faq[1]!;
    const original = await kb.read('faq.yaml');
    const opened = await writer.readFaq(target.id);
    expect(opened?.version).toBe(recordVersion(target));
    const answer = `${target.answer} (Edited: the test marker zanzibar.)`;
    const result = await writer.updateFaq(target.id, { ...target, answer }, opened!.version, mod);
    expect(result).toMatchObject({ ok: true, reload: { ok: true, changes: { added: [], changed: [`faq:${target.id}`], removed: [] } } });

    const text = await kb.read('faq.yaml');
    const { before, after } = around(original, target.id);
    expect(text.startsWith(before)).toBe(true);
    expect(text.endsWith(after)).toBe(true);
    expect(commentsOf(text)).toEqual(commentsOf(original));
    expect(store.current().engine.replyFor('faq', target.id)?.body).toContain('zanzibar');
  });

  it('adds an alternate without touching a byte of the fields left as they were (a hand-wrapped quote stays wrapped as it was)', async () => {
    const withQuotes = knowledge.faq.filter((record) => record.quote);
    expect(withQuotes.length).toBeGreaterThan(0);
    // The bundled records' quotes are wrapped by hand; re-rendered, some would wrap elsewhere.
    const target = withQuotes[0]!;
    const original = await kb.read('faq.yaml');
    const lines = original.split('\n');
    const alternate = 'is there a test marker zanzibar for the clouds?';
    const result = await writer.updateFaq(target.id, { ...target, alternates: [...target.alternates, alternate] }, recordVersion(target), mod);
    expect(result).toMatchObject({ ok: true });
    const text = (await kb.read('faq.yaml')).split('\n');
    const added = text.findIndex((line) => line.includes(alternate));
    expect(text[added]).toBe(`      - ${alternate}`);
    expect([...text.slice(0, added), ...text.slice(added + 1)]).toEqual(lines);
  });

  it('writes and logs nothing when a record is saved unchanged', async () => {
    const target = knowledge.faq[2]!;
    const original = await kb.read('faq.yaml');
    expect(await writer.updateFaq(target.id, target, recordVersion(target), mod)).toMatchObject({ ok: true, record: target, reload: null });
    expect(await kb.read('faq.yaml')).toBe(original);
    expect(await auditLines()).toEqual([]);
  });

  it('removes a record and the blank line after it, nothing else', async () => {
    // Every bundled FAQ record is some other record's `related`, so remove one added for the test.
    const original = await kb.read('faq.yaml');
    const added = await writer.addFaq(newFaq, mod);
    const second = await writer.addFaq({ ...newFaq, id: 'wombat-policy', question: 'What about wombats?', alternates: [] }, mod);
    expect(second).toMatchObject({ ok: true });
    const withBoth = await kb.read('faq.yaml');
    const result = await writer.removeFaq('quokka-policy', added.ok ? added.version : '', mod);
    expect(result).toMatchObject({ ok: true, record: { id: 'quokka-policy' }, reload: { ok: true, changes: { removed: ['faq:quokka-policy'] } } });
    const { before, after } = around(withBoth, 'quokka-policy');
    expect(before).toBe(`${original}\n`);
    expect(await kb.read('faq.yaml')).toBe(before + after.slice(1));
    expect(store.current().knowledge.faq.map((r) => r.id)).not.toContain('quokka-policy');
  });

  it.each([
    ['one other record links', (linkers: number) => linkers === 1],
    ['several other records link', (linkers: number) => linkers > 1],
  ])('refuses to remove a record %s to, naming each of them and the line of each link', async (_case, wanted) => {
    const linkersOf = (id: string) => knowledge.faq.filter((other) => other.related.includes(id));
    const target = knowledge.faq.find((record) => wanted(linkersOf(record.id).length))!;
    const linkers = linkersOf(target.id);
    const original = await kb.read('faq.yaml');
    const result = await writer.removeFaq(target.id, recordVersion(target), mod);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok) return;
    expect(result.message).toBe(
      `faq:${target.id} cannot be removed: ${linkers.map((other) => `faq:${other.id}`).join(', ')} ${linkers.length === 1 ? 'links' : 'link'} to it (related). ` +
        'Take it out of their related list first (/kb faq edit, or the file), then remove it.',
    );
    expect(result.message).not.toContain('unknown FAQ record');
    const lines = original.split('\n');
    expect(result.problems).toHaveLength(linkers.length);
    for (const [i, problem] of (result.problems ?? []).entries()) {
      expect(formatProblem(problem)).toMatch(new RegExp(`faq\\.yaml:\\d+ faq\\[\\d+\\] \\(${linkers[i]!.id}\\)\\.related\\[\\d+\\]: links to faq:${target.id}, which is being removed$`));
      expect(lines[problem.line! - 1]).toContain(target.id);
    }
    expect(await kb.read('faq.yaml')).toBe(original);
  });
});

describe('term edits', () => {
  it('adds, updates and removes a term, each time keeping the rest of the file', async () => {
    const original = await kb.read('terms.yaml');
    const added = await writer.addTerm(newTerm, mod);
    expect(added).toMatchObject({ ok: true, reload: { ok: true, changes: { added: ['term:quokka'] } } });
    const afterAdd = await kb.read('terms.yaml');
    expect(afterAdd.startsWith(original)).toBe(true);
    expect(afterAdd.slice(original.length)).toBe('\n  - id: quokka\n    term: Quokka\n    aliases: [quokkas]\n    definition: >-\n      A small marsupial; here only for a test.\n    quote: >-\n      Microsoft and OpenAI Amend Partnership\n    sources: [article]\n');
    expect(store.current().engine.ask('what is a quokka')).toMatchObject({ status: 'answered', kind: 'term', id: 'quokka' });

    const first = knowledge.terms[0]!;
    const updated = await writer.updateTerm(first.id, { ...first, aliases: [...first.aliases, 'zanzibar cloud'] }, recordVersion(first), mod);
    expect(updated).toMatchObject({ ok: true, reload: { ok: true, changes: { changed: [`term:${first.id}`] } } });
    const afterUpdate = await kb.read('terms.yaml');
    const { before, after } = around(afterAdd, first.id);
    expect(afterUpdate.startsWith(before) && afterUpdate.endsWith(after)).toBe(true);
    expect(commentsOf(afterUpdate)).toEqual(commentsOf(original));

    const removed = await writer.removeTerm('quokka', added.ok ? added.version : '', mod);
    expect(removed).toMatchObject({ ok: true, reload: { ok: true, changes: { removed: ['term:quokka'] } } });
    // Removing the last record takes the blank line before it: back to the file before the addition.
    expect(await kb.read('terms.yaml')).toBe(afterUpdate.slice(0, afterUpdate.indexOf('\n  - id: quokka\n')));

    const middle = knowledge.terms[3]!;
    const beforeRemoval = await kb.read('terms.yaml');
    expect(await writer.removeTerm(middle.id, recordVersion(middle), mod)).toMatchObject({ ok: true });
    const parts = around(beforeRemoval, middle.id);
    expect(await kb.read('terms.yaml')).toBe(parts.before + parts.after.slice(1));
  });

  it('adds the first term to an empty list, keeping the header comments', async () => {
    const header = (await kb.read('terms.yaml')).split('\nterms:')[0]!;
    await kb.write('terms.yaml', `${header}\nterms: []\n`);
    expect(await writer.addTerm(newTerm, mod)).toMatchObject({ ok: true, reload: { ok: true } });
    expect(await kb.read('terms.yaml')).toBe(
      `${header}\nterms:\n  - id: quokka\n    term: Quokka\n    aliases: [quokkas]\n    definition: >-\n      A small marsupial; here only for a test.\n    quote: >-\n      Microsoft and OpenAI Amend Partnership\n    sources: [article]\n`,
    );
  });
});

describe('concurrency', () => {
  it('lands 20 concurrent additions, in order, with none lost', async () => {
    const plain = createKnowledgeWriter({ dir: kb.dir }); // a second writer on the same folder shares the queue
    const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');
    const results = await Promise.all(
      words.map((word, i) =>
        (i % 2 ? writer : plain).addFaq({ ...newFaq, id: `probe-${word}`, question: `Is ${word} part of the amendment?`, alternates: [] }, mod),
      ),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const loaded = await loadKnowledge(kb.dir);
    expect(loaded.ok).toBe(true);
    const ids = loaded.ok ? loaded.knowledge.faq.map((r) => r.id) : [];
    expect(ids.slice(-20)).toEqual(words.map((word) => `probe-${word}`));
    expect((await auditLines()).map((entry) => entry.id)).toEqual(words.map((word) => `probe-${word}`));
  });

  it('refuses an edit based on a stale version and leaves the file as the other moderator saved it', async () => {
    const target = knowledge.faq[0]!;
    const opened = recordVersion(target);
    expect(await writer.updateFaq(target.id, { ...target, answer: 'First moderator’s answer.' }, opened, otherMod)).toMatchObject({ ok: true });
    const saved = await kb.read('faq.yaml');
    const result = await writer.updateFaq(target.id, { ...target, answer: 'Second moderator’s answer.' }, opened, mod);
    expect(result).toEqual({ ok: false, reason: 'conflict', message: `The FAQ record "${target.id}" was changed by someone else since you opened it; reopen it and try again.` });
    expect(await kb.read('faq.yaml')).toBe(saved);
    expect(await writer.removeFaq(target.id, opened, mod)).toMatchObject({ ok: false, reason: 'conflict' });
  });
});

describe('refused edits', () => {
  it.each([
    { name: 'an answer too long', change: () => ({ answer: 'x'.repeat(4200) }), problem: /faq\.yaml faq \(quokka-policy\)\.answer: too long \(4200 > 4096\)/ },
    { name: 'an unknown source', change: () => ({ sources: ['nope'] }), problem: /faq\.yaml:\d+ faq\[\d+\] \(quokka-policy\)\.sources\[0\]: unknown source "nope"/ },
    { name: 'a phrasing another record claims', change: (k: Knowledge) => ({ alternates: [k.faq[0]!.question] }), problem: /alternates\[0\]: ".+" is already claimed by faq\[0\]/ },
  ])('refuses $name with the reason, and changes nothing', async ({ change, problem }) => {
    const files = await Promise.all(['faq.yaml', 'terms.yaml'].map((name) => kb.read(name)));
    const result = await writer.addFaq({ ...newFaq, ...change(knowledge) }, mod);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    if (result.ok) return;
    expect(result.problems?.map(formatProblem).join('\n')).toMatch(problem);
    expect(await Promise.all(['faq.yaml', 'terms.yaml'].map((name) => kb.read(name)))).toEqual(files);
    expect(await auditLines()).toEqual([]);
    expect(store.current().version).toBe(1);
  });

  it('refuses ids that are taken, missing or not slugs — none can reach outside the folder', async () => {
    const before = await readdir(kb.root, { recursive: true });
    expect(await writer.addFaq({ ...newFaq, id: knowledge.faq[0]!.id }, mod)).toMatchObject({ ok: false, reason: 'exists' });
    expect(await writer.addFaq({ ...newFaq, id: knowledge.terms[0]!.id }, mod)).toMatchObject({ ok: false, reason: 'exists', message: expect.stringContaining('term') });
    expect(await writer.updateFaq('no-such-record', newFaq, 'x', mod)).toMatchObject({ ok: false, reason: 'not_found' });
    for (const id of ['../etc', '../../etc/passwd', 'faq.yaml', '/abs', 'UPPER', '']) {
      expect(await writer.addFaq({ ...newFaq, id }, mod)).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await writer.addTerm({ ...newTerm, id }, mod)).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await writer.updateFaq(id, newFaq, 'x', mod)).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await writer.removeTerm(id, 'x', mod)).toMatchObject({ ok: false, reason: 'invalid' });
      expect(await writer.readFaq(id)).toBeNull();
    }
    expect(await readdir(kb.root, { recursive: true })).toEqual(before);
  });
});

describe('crash safety', () => {
  it('leaves the original intact when the write dies before the rename, and sweeps leftovers on the next write', async () => {
    const original = await kb.read('faq.yaml');
    const crashing = createKnowledgeWriter({
      dir: kb.dir,
      fsHooks: {
        beforeRename: async (tempPath) => {
          expect(await readFile(tempPath, 'utf8')).toContain('quokka-policy');
          throw new Error('simulated crash before rename');
        },
      },
    });
    await expect(crashing.addFaq(newFaq, mod)).rejects.toThrow('simulated crash before rename');
    expect(await kb.read('faq.yaml')).toBe(original);
    expect((await readdir(kb.dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await auditLines()).toEqual([]);

    // What a killed process leaves: a temp file that was never renamed.
    await writeFile(path.join(kb.dir, `.faq.yaml.${process.pid + 1}.0badc0de.tmp`), 'half a file');
    expect(await writer.addFaq(newFaq, mod)).toMatchObject({ ok: true });
    expect((await readdir(kb.dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('audit log', () => {
  it('gets one line per change with actor, before and after, outside the knowledge folder', async () => {
    expect(writer.auditLogPath).toBe(kb.auditLogPath);
    const added = await writer.addFaq(newFaq, mod);
    const changed = { ...newFaq, answer: 'Still no quokkas.', alternates: [], related: [] };
    const updated = await writer.updateFaq('quokka-policy', changed, added.ok ? added.version : '', otherMod);
    await writer.removeFaq('quokka-policy', updated.ok ? updated.version : '', mod);
    await writer.updateFaq('quokka-policy', changed, 'stale', mod); // refused: not logged

    const lines = await auditLines();
    expect(lines).toEqual([
      { at: expect.any(String), actor: mod, action: 'add', kind: 'faq', id: 'quokka-policy', before: null, after: { ...newFaq, related: [] } },
      { at: expect.any(String), actor: otherMod, action: 'update', kind: 'faq', id: 'quokka-policy', before: { ...newFaq, related: [] }, after: changed },
      { at: expect.any(String), actor: mod, action: 'remove', kind: 'faq', id: 'quokka-policy', before: changed, after: null },
    ]);
    expect(Number.isNaN(Date.parse(lines[0]!.at))).toBe(false);
  });
});
