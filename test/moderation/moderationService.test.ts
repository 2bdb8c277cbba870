import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createModerationService, type ModerationService } from '../../src/moderation/moderationService.ts';
import { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { aliasBomb } from '../knowledge/hostileYaml.ts';
import { makeLibraryFolder, type LibraryFolder } from './libraryKnowledge.ts';
import { answered } from '../support/replies.ts';

const mod = { id: '111111111111111111', tag: 'mod#0001' };
const faqFields = { question: 'Can I borrow a telescope?', alternates: [], answer: 'The sources do not say.', sources: ['article'], related: [] };

let kb: LibraryFolder;
let store: KnowledgeStore;
let log: QuestionLog;
let service: ModerationService;

beforeEach(async () => {
  kb = await makeLibraryFolder();
  store = await createKnowledgeStore({ dir: kb.dir });
  const writer = createKnowledgeWriter({ dir: kb.dir, store, auditLogPath: path.join(kb.dataDir, 'audit.log.jsonl') });
  log = new QuestionLog({ dataDir: kb.dataDir, enabled: true, retentionDays: 30, flushDelayMs: 5 });
  await log.ready();
  service = createModerationService({ store, writer, questionLog: log });
});
afterEach(async () => {
  await log.close();
  await store.close();
  await kb.remove();
});

const faqIds = async () => (parse(await kb.read('faq.yaml')) as { faq: { id: string; alternates: string[] }[] }).faq;
const auditLines = async () => (await readFile(path.join(kb.dataDir, 'audit.log.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean);

describe('adding a record', () => {
  it('makes its id from the question, numbered when taken, and serves it at once', async () => {
    const first = await service.records.add('faq', faqFields, mod);
    expect(first).toMatchObject({ ok: true, action: 'add', kind: 'faq', id: 'can-i-borrow-a-telescope' });
    // Ids are the first 48 characters of the slug: these two questions share them.
    const long = 'Can I borrow a telescope or other astronomy equipment';
    const second = await service.records.add('faq', { ...faqFields, question: `${long} for a week?` }, mod);
    const third = await service.records.add('faq', { ...faqFields, question: `${long} from the library?` }, mod);
    expect([second, third]).toMatchObject([
      { ok: true, id: 'can-i-borrow-a-telescope-or-other-astronomy-equi' },
      { ok: true, id: 'can-i-borrow-a-telescope-or-other-astronomy-equi-2' },
    ]);
    expect((await faqIds()).map((record) => record.id)).toEqual(expect.arrayContaining(['can-i-borrow-a-telescope', 'can-i-borrow-a-telescope-or-other-astronomy-equi-2']));
    if (!first.ok) return;
    expect(first.servedVersion).toBeGreaterThan(1);
    expect(first.preview && answered(first.preview).title).toBe('Can I borrow a telescope?');
    expect(store.current().engine.replyFor('faq', 'can-i-borrow-a-telescope')?.body).toBe('The sources do not say.');
    expect(await auditLines()).toHaveLength(3);
  });

  it('never takes the id of a record of another kind', async () => {
    const added = await service.records.add('faq', { ...faqFields, question: 'Library rules?' }, mod);
    expect(added).toMatchObject({ ok: true, id: 'library-rules-2' });
  });

  it('refuses an invalid record with each problem, and writes nothing', async () => {
    const before = await kb.read('faq.yaml');
    const refused = await service.records.add('faq', { ...faqFields, sources: ['made-up-source'] }, mod);
    expect(refused).toMatchObject({ ok: false, reason: 'invalid' });
    expect(JSON.stringify(refused)).toContain('unknown source \\"made-up-source\\"');
    const unsafe = await service.records.add('term', { term: 'Telescope', aliases: [], definition: 'A \u202Etelescope.', sources: ['article'] }, mod);
    expect(unsafe).toMatchObject({ ok: false, reason: 'invalid' });
    expect(JSON.stringify(unsafe)).toContain('right-to-left override character (U+202E)');
    expect(await kb.read('faq.yaml')).toBe(before);
    expect(await auditLines()).toEqual([]);
  });
});

describe('opening and saving a record', () => {
  it('opens the served copy, or the file when it was saved since the knowledge was loaded', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(kb.dir, 'terms.yaml'), anHourAgo, anHourAgo);
    const served = await service.records.open('term', 'hold');
    expect(served).toMatchObject({ ok: true, kind: 'term', id: 'hold', title: 'Hold' });

    const terms = await kb.read('terms.yaml');
    await kb.write('terms.yaml', terms.replace('term: Hold', 'term: Reservation hold'));
    expect(await service.records.open('term', 'hold')).toMatchObject({ ok: true, title: 'Reservation hold' });
  });

  it('says what is wrong with a file it cannot read, not that the record does not exist', async () => {
    await kb.write('faq.yaml', `${await kb.read('faq.yaml')}${aliasBomb()}`);
    const opened = await service.records.open('faq', 'holds');
    expect(opened).toMatchObject({ ok: false, reason: 'unreadable_file', fileName: 'faq.yaml' });
    expect(JSON.stringify(opened)).toMatch(/faq\.yaml/);
    expect(await service.records.open('faq', 'no-such-record')).toMatchObject({ ok: false, reason: 'unreadable_file' });
  });

  it('says so for a record that does not exist', async () => {
    expect(await service.records.open('faq', 'no-such-record')).toEqual({ ok: false, reason: 'not_found', message: 'There is no FAQ record with the id "no-such-record".' });
  });

  it('saves with the version it was opened at, and refuses a save based on a version changed since', async () => {
    const first = await service.records.open('term', 'makerspace');
    const second = await service.records.open('term', 'makerspace');
    if (!first.ok || !second.ok) throw new Error('not opened');
    const saved = await service.records.save('term', 'makerspace', first.version, { ...first.record, definition: 'First wording.' }, mod);
    expect(saved).toMatchObject({ ok: true, action: 'update', id: 'makerspace' });
    const stale = await service.records.save('term', 'makerspace', second.version, { ...second.record, definition: 'Second wording.' }, mod);
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
    const file = await kb.read('terms.yaml');
    expect(file).toContain('First wording.');
    expect(file).not.toContain('Second wording.');
  });
});

describe('removing a record', () => {
  it('refuses a record others link to, naming them, and removes one nobody links to', async () => {
    const linked = await service.records.openForRemoval('faq', 'holds');
    expect(linked).toMatchObject({ ok: false, reason: 'linked', linkers: ['faq:renewals'] });
    const opened = await service.records.open('faq', 'holds');
    if (!opened.ok) throw new Error('not opened');
    expect(await service.records.remove('faq', 'holds', opened.version, mod)).toMatchObject({ ok: false, reason: 'linked' });
    expect((await faqIds()).map((record) => record.id)).toContain('holds');

    const added = await service.records.add('faq', faqFields, mod);
    if (!added.ok) throw new Error('not added');
    const toRemove = await service.records.openForRemoval('faq', added.id);
    expect(toRemove).toMatchObject({ ok: true, title: 'Can I borrow a telescope?' });
    const removed = await service.records.remove('faq', added.id, added.version, mod);
    expect(removed).toMatchObject({ ok: true, action: 'remove', preview: null });
    expect((await faqIds()).map((record) => record.id)).not.toContain(added.id);
    expect(store.current().engine.replyFor('faq', added.id)).toBeNull();
  });
});

describe('adding a phrasing to a record', () => {
  it('adds it, lists it as a regression question when it reaches the record, and says what members get now', async () => {
    const added = await service.addAlternate('borrowing-limit', 'is there a cap on how much I can take home at once?', mod);
    expect(added).toMatchObject({ ok: true, alreadyThere: false, regression: 'added', reachesRecord: true });
    if (!added.ok) return;
    expect(answered(added.answer).id).toBe('borrowing-limit');
    expect((await faqIds()).find((record) => record.id === 'borrowing-limit')?.alternates).toContain('is there a cap on how much I can take home at once?');
    expect(await kb.read('regressions.yaml')).toMatch(/- q: is there a cap on how much I can take home at once\?\n\s+expect: faq:borrowing-limit/);
    expect(await service.addAlternate('borrowing-limit', 'is there a cap on how much I can take home at once?', mod)).toMatchObject({ ok: true, alreadyThere: true, regression: 'listed' });
  });

  it('refuses control characters and records that do not exist', async () => {
    expect(await service.addAlternate('borrowing-limit', 'how many \u0000items', mod)).toMatchObject({ ok: false, message: expect.stringContaining('a NUL character (U+0000)') });
    expect(await service.addAlternate('no-such-record', 'how many items', mod)).toMatchObject({ ok: false, message: 'There is no FAQ record "no-such-record".' });
  });
});

describe('the gap review', () => {
  const telescope = 'Can I borrow a telescope from the library?';
  const ask = (question: string, guildId: string | null, userId: string) => {
    const reply = store.current().engine.ask(question);
    if (reply.status === 'chat') throw new Error('a question, not chat');
    return log.record({ guildId, channelKind: 'slash', userId, question, reply });
  };

  it('lists the questions members asked that the bot did not answer, of one server or every server', async () => {
    ask(telescope, '1000', '1');
    ask('can i borrow a telescope from the library', '1000', '2');
    ask('what about parking at the branches?', '2000', '3');
    const every = await service.gaps.gaps(7, { kind: 'every server' });
    if (!every.ok) throw new Error(every.message);
    expect(every.rows.map((row) => [row.question, row.count])).toEqual([
      [telescope, 2],
      ['what about parking at the branches?', 1],
    ]);
    const own = await service.gaps.gaps(7, { kind: 'own server', guildId: '2000' });
    expect(own.ok && own.rows.map((row) => row.question)).toEqual(['what about parking at the branches?']);
  });

  it('offers the record members chose first, adds the question to the record picked, and hides the gap', async () => {
    const questionId = ask(telescope, null, '1')!;
    log.labelQuestion(questionId, { userId: '1', source: 'suggestion', record: { kind: 'faq', id: 'makerspace-booking' } });
    const listed = await service.gaps.gaps(7, { kind: 'every server' });
    if (!listed.ok) throw new Error(listed.message);
    const gap = listed.rows[0]!;
    const offered = await service.gaps.recordsFor(7, gap.id);
    expect(offered.ok && offered.records[0]).toEqual({ id: 'makerspace-booking', title: 'How do I book the makerspace?' });

    const added = await service.gaps.addAsAlternate(7, gap.id, 'borrowing-limit', mod);
    expect(added).toMatchObject({ ok: true, question: telescope, recordId: 'borrowing-limit' });
    expect((await faqIds()).find((record) => record.id === 'borrowing-limit')?.alternates).toContain(telescope);
    const after = await service.gaps.gaps(7, { kind: 'every server' });
    expect(after.ok && after.rows).toEqual([]);
    expect(await service.gaps.dismiss(7, gap.id)).toMatchObject({ ok: false, reason: 'gap_gone' });
  });

  it('dismisses a gap until it is asked again', async () => {
    ask('what about parking at the branches?', null, '1');
    const listed = await service.gaps.gaps(7, { kind: 'every server' });
    const gap = listed.ok ? listed.rows[0]! : null;
    expect(await service.gaps.dismiss(7, gap!.id)).toMatchObject({ ok: true, gap: { question: 'what about parking at the branches?' } });
    expect(await service.gaps.gaps(7, { kind: 'every server' })).toEqual({ ok: true, rows: [] });
    ask('what about parking at the branches?', null, '2');
    const again = await service.gaps.gaps(7, { kind: 'every server' });
    expect(again.ok && again.rows.map((row) => row.count)).toEqual([1]);
  });

  it('is refused when the question log is off', async () => {
    const off = createModerationService({ store, writer: createKnowledgeWriter({ dir: kb.dir, store }), questionLog: new QuestionLog({ dataDir: kb.dataDir, enabled: false, retentionDays: 30 }) });
    expect(await off.gaps.gaps(7, { kind: 'every server' })).toMatchObject({ ok: false, reason: 'log_off' });
    expect(await off.gaps.dismiss(7, '0123456789ab')).toMatchObject({ ok: false, reason: 'log_off' });
  });
});

describe('confusions', () => {
  it('asks the served knowledge its phrasings off the thread, and finds one filed under the wrong record', async () => {
    const [first, second] = store.current().knowledge.faq;
    const before = await service.confusions();
    expect(before).toMatchObject({ ok: true });
    // A moderator files the first record's question, barely reworded, under the second record as well.
    const misfiled = `so, ${first!.question}`;
    const opened = await service.records.open('faq', second!.id);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const { id: _id, ...fields } = opened.record;
    const saved = await service.records.save('faq', second!.id, opened.version, { ...fields, alternates: [...second!.alternates, misfiled] }, mod);
    expect(saved).toMatchObject({ ok: true });
    const after = await service.confusions();
    if (!after.ok) throw new Error(after.message);
    expect(after.report.asked).toBeGreaterThan(before.ok ? before.report.asked : 0);
    expect(after.report.confusions).toContainEqual(expect.objectContaining({ record: second!.id, phrasing: misfiled, answeredWith: `faq:${first!.id}` }));
  });
});
