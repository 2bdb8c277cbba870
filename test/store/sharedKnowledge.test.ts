import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/database/postgres.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter, type KnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { startSharedKnowledge, type SharedKnowledge } from '../../src/store/sharedKnowledge.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';
import { takeDatabaseDown, testDatabase } from '../support/testDatabase.ts';

const mod = { id: '111111111111111111', tag: 'mod#0001' };
const otherMod = { id: '222222222222222222', tag: 'other#0002' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Host {
  readonly kb: TempKnowledge;
  readonly dataDir: string;
  readonly store: KnowledgeStore;
  readonly shared: SharedKnowledge;
  readonly writer: KnowledgeWriter;
}

/** One host: its own knowledge folder and DATA_DIR, the shared database. */
async function startHost(url: string, name: string, prepare?: (kb: TempKnowledge) => Promise<void>): Promise<Host> {
  const kb = await makeTempKnowledge();
  await prepare?.(kb);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'faq-shared-data-'));
  const store = await createKnowledgeStore({ dir: kb.dir, debounceMs: 50, folderPollMs: 200 });
  store.watch();
  const shared = await startSharedKnowledge({ url, store, dataDir, host: name, retryMs: 100 });
  const writer = createKnowledgeWriter({ dir: kb.dir, store, publisher: shared });
  cleanups.push(async () => {
    await shared.close();
    await store.close();
    await kb.remove();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { kb, dataDir, store, shared, writer };
}

async function database(): Promise<{ url: string; name: string }> {
  const db = await testDatabase();
  cleanups.push(db.drop);
  return db;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The record the host answers `question` with, or null when it does not answer. */
const answeredBy = (host: Host, question: string): string | null => {
  const reply = host.store.current().engine.ask(question);
  return reply.status === 'answered' ? reply.id : null;
};

describe('knowledge shared through the database', () => {
  it('serves an alternate saved on one host on the other, written into its folder', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const b = await startHost(url, 'host-b');
    const question = 'can the zanzibar walrus run on any hyperscaler';
    expect(answeredBy(b, question)).not.toBe('any-cloud-provider');

    const opened = (await a.writer.readFaq('any-cloud-provider'))!;
    const saved = await a.writer.updateFaq('any-cloud-provider', { ...opened.record, alternates: [...opened.record.alternates, question] }, opened.version, mod);
    expect(saved.ok).toBe(true);

    await until(() => answeredBy(b, question) === 'any-cloud-provider');
    expect(await b.kb.read('faq.yaml')).toContain(question);
    expect(b.shared.status()).toMatchObject({ connected: true, version: 2 });
  });

  it('publishes a file edit a host picks up, and the other host serves it', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const b = await startHost(url, 'host-b');
    await b.kb.replace('faq.yaml', '    question: Can OpenAI now use AWS or Google Cloud?', '    question: Can OpenAI now use AWS or Google Cloud or the quokka cloud?');
    await until(async () => (await a.kb.read('faq.yaml')).includes('the quokka cloud'));
    await until(() => a.store.current().knowledge.faq.some((record) => record.question.includes('the quokka cloud')));
  });

  it('of two saves of one record at once on two hosts, keeps one and refuses the other as a conflict', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const b = await startHost(url, 'host-b');
    const fromA = (await a.writer.readFaq('ip-license-term'))!;
    const fromB = (await b.writer.readFaq('ip-license-term'))!;
    expect(fromA.version).toBe(fromB.version);
    const [savedA, savedB] = await Promise.all([
      a.writer.updateFaq('ip-license-term', { ...fromA.record, alternates: [...fromA.record.alternates, 'saved on host a'] }, fromA.version, mod),
      b.writer.updateFaq('ip-license-term', { ...fromB.record, alternates: [...fromB.record.alternates, 'saved on host b'] }, fromB.version, otherMod),
    ]);
    expect([savedA.ok, savedB.ok].sort()).toEqual([false, true]);
    const refused = savedA.ok ? savedB : savedA;
    expect(refused).toMatchObject({ ok: false, reason: 'conflict' });
    const kept = savedA.ok ? 'saved on host a' : 'saved on host b';
    const lost = savedA.ok ? 'saved on host b' : 'saved on host a';
    for (const host of [a, b]) {
      await until(async () => (await host.kb.read('faq.yaml')).includes(kept));
      expect(await host.kb.read('faq.yaml')).not.toContain(lost);
    }
  });

  it('of two saves of different records at once, keeps both', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const b = await startHost(url, 'host-b');
    const fromA = (await a.writer.readFaq('ip-license-term'))!;
    const fromB = (await b.writer.readFaq('microsoft-shareholder'))!;
    const [savedA, savedB] = await Promise.all([
      a.writer.updateFaq('ip-license-term', { ...fromA.record, alternates: [...fromA.record.alternates, 'license asked on host a'] }, fromA.version, mod),
      b.writer.updateFaq('microsoft-shareholder', { ...fromB.record, alternates: [...fromB.record.alternates, 'stake asked on host b'] }, fromB.version, otherMod),
    ]);
    expect([savedA.ok, savedB.ok]).toEqual([true, true]);
    for (const host of [a, b]) await until(async () => ['license asked on host a', 'stake asked on host b'].every((text) => host.store.current().knowledge.faq.some((r) => r.alternates.includes(text))));
  });

  it('never writes a version that does not validate: the other host keeps serving its last good knowledge', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const before = await a.kb.read('faq.yaml');
    const client = createClient(url);
    await client.connect();
    const { rows } = await client.query<{ files: Record<string, string> }>('SELECT files FROM faqbot.knowledge_versions WHERE seq = 1');
    const broken = { ...rows[0]!.files, 'faq.yaml': 'faq:\n  - id: Not A Slug\n    question: [unclosed\n' };
    await client.query("INSERT INTO faqbot.knowledge_versions (seq, content_hash, files, host, reason) VALUES (2, 'broken', $1, 'elsewhere', 'a bad save')", [JSON.stringify(broken)]);
    await client.query("SELECT pg_notify('faqbot_knowledge', '2')");
    await client.end();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await a.kb.read('faq.yaml')).toBe(before);
    expect(answeredBy(a, 'can openai use aws')).toBe('any-cloud-provider');
  });

  it('with the database down: serves its knowledge, refuses edits clearly, and takes them again once it is back', async () => {
    const { url, name } = await database();
    const a = await startHost(url, 'host-a');
    const outage = await takeDatabaseDown(name);
    await until(() => !a.shared.status().connected);
    expect(answeredBy(a, 'can openai use aws')).toBe('any-cloud-provider');
    const opened = (await a.writer.readFaq('any-cloud-provider'))!;
    const edit = { ...opened.record, alternates: [...opened.record.alternates, 'asked during the outage'] };
    const refused = await a.writer.updateFaq('any-cloud-provider', edit, opened.version, mod);
    expect(refused).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(refused.ok ? '' : refused.message).toContain('cannot be reached');
    expect(await a.kb.read('faq.yaml')).not.toContain('asked during the outage');

    await outage.restore();
    await until(() => a.shared.status().connected);
    expect((await a.writer.updateFaq('any-cloud-provider', edit, opened.version, mod)).ok).toBe(true);
  });

  it('refuses an edit while it is still connecting again, rather than publishing on a version it has not caught up with', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    // Another session holds the versions table, so the host's reconnection stalls reading it.
    const blocker = createClient(url);
    await blocker.connect();
    cleanups.push(() => blocker.end().catch(() => undefined));
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE faqbot.knowledge_versions IN ACCESS EXCLUSIVE MODE');
    await blocker.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    // Watched from a session of its own: statistics views hold still within the blocker's transaction.
    const watcher = createClient(url);
    await watcher.connect();
    cleanups.push(() => watcher.end().catch(() => undefined));
    const waitingOnTheLock = async () => {
      const { rows } = await watcher.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
      );
      return rows[0]!.waiting > 0;
    };
    await until(waitingOnTheLock);
    expect(a.shared.status().connected).toBe(false);

    const stillWaiting = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2_000).unref());
    const outcome = await Promise.race([a.shared.publish('faq', new TextEncoder().encode(await a.kb.read('faq.yaml')), 'edit while connecting'), stillWaiting]);
    expect(outcome).toMatchObject({ ok: false, reason: 'unavailable' });

    await blocker.query('COMMIT');
    await until(() => a.shared.status().connected);
  });

  it('takes the newest version at start, and audits edits in the database', async () => {
    const { url } = await database();
    const a = await startHost(url, 'host-a');
    const opened = (await a.writer.readFaq('any-cloud-provider'))!;
    await a.writer.updateFaq('any-cloud-provider', { ...opened.record, alternates: [...opened.record.alternates, 'saved before host b started'] }, opened.version, mod);
    const b = await startHost(url, 'host-b');
    expect(await b.kb.read('faq.yaml')).toContain('saved before host b started');
    expect(b.store.current().knowledge.faq.find((r) => r.id === 'any-cloud-provider')?.alternates).toContain('saved before host b started');
    expect(JSON.parse(await readFile(path.join(b.dataDir, 'knowledge-version.json'), 'utf8'))).toMatchObject({ seq: 2 });

    const client = createClient(url);
    await client.connect();
    const { rows } = await client.query<{ host: string; entry: { actor: { tag: string }; action: string; id: string } }>('SELECT host, entry FROM faqbot.audit_log');
    await client.end();
    expect(rows.map((row) => [row.host, row.entry.actor.tag, row.entry.action, row.entry.id])).toEqual([['host-a', 'mod#0001', 'update', 'any-cloud-provider']]);
  });
});
