import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuestionLog } from '../../src/questionLog/questionLog.ts';
import { createKnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeLibraryFolder, type LibraryFolder } from '../moderation/libraryKnowledge.ts';

const script = compiledScript('src/cli/kb.ts');

let kb: LibraryFolder;
beforeEach(async () => {
  kb = await makeLibraryFolder();
});
afterEach(async () => {
  await kb.remove();
});

/** `npm run kb -- …args` on the temporary knowledge folder (its data folder beside it). */
function runKb(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: projectRoot,
      env: { ...process.env, KNOWLEDGE_DIR: kb.dir, DATA_DIR: kb.dataDir, DATABASE_URL: '', KB_MODERATOR: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const auditLines = async () => (await readFile(path.join(kb.dataDir, 'audit.log.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { actor: unknown; action: string; id: string });
const telescope = ['--question', 'Can I borrow a telescope?', '--answer', 'The sources do not say.', '--source', 'article'];

// Each test starts the command several times, each loading the knowledge: minutes on a busy two-core machine.
describe('npm run kb', { timeout: 120_000 }, () => {
  it('adds, opens, saves and removes a record, each in the audit log under the moderator named', async () => {
    const added = await runKb(['faq', 'add', ...telescope, '--as', 'Ann']);
    expect(added).toMatchObject({ status: 0, stderr: '' });
    expect(added.stdout).toMatch(/^✓ Added faq:can-i-borrow-a-telescope \(version [0-9a-f]{16}\)\./);
    expect(added.stdout).toContain('Members now see:\nCan I borrow a telescope?\n\nThe sources do not say.');
    expect(await kb.read('faq.yaml')).toContain('- id: can-i-borrow-a-telescope');

    const opened = await runKb(['faq', 'open', 'can-i-borrow-a-telescope', '--json']);
    expect(opened.status).toBe(0);
    const { version, record } = JSON.parse(opened.stdout) as { version: string; record: { question: string } };
    expect(record.question).toBe('Can I borrow a telescope?');

    const saved = await runKb(['faq', 'save', 'can-i-borrow-a-telescope', '--version', version, '--answer', 'Still not said.'], { KB_MODERATOR: 'Bo' });
    expect(saved).toMatchObject({ status: 0, stdout: expect.stringContaining('✓ Saved faq:can-i-borrow-a-telescope') });
    const file = await kb.read('faq.yaml');
    expect(file).toContain('Still not said.');
    expect(file).toContain('question: Can I borrow a telescope?');

    // The version opened before the save is stale now: a second moderator's save on it is refused.
    const stale = await runKb(['faq', 'remove', 'can-i-borrow-a-telescope', '--version', version, '--as', 'Cy']);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^✗ .*changed/);
    const fresh = JSON.parse((await runKb(['faq', 'open', 'can-i-borrow-a-telescope', '--json'])).stdout) as { version: string };
    expect(await runKb(['faq', 'remove', 'can-i-borrow-a-telescope', '--version', fresh.version, '--as', 'Cy'])).toMatchObject({ status: 0, stdout: '✓ Removed faq:can-i-borrow-a-telescope. Now serving knowledge version 2.\n' });

    expect(await auditLines()).toEqual([
      expect.objectContaining({ actor: { id: 'terminal', tag: 'Ann' }, action: 'add', id: 'can-i-borrow-a-telescope' }),
      expect.objectContaining({ actor: { id: 'terminal', tag: 'Bo' }, action: 'update' }),
      expect.objectContaining({ actor: { id: 'terminal', tag: 'Cy' }, action: 'remove' }),
    ]);
  });

  it('refuses a change without a moderator name, and bad arguments, with exit code 2 and nothing written', async () => {
    const before = await kb.read('faq.yaml');
    const anonymous = await runKb(['faq', 'add', ...telescope]);
    expect(anonymous).toMatchObject({ status: 2, stdout: '' });
    expect(anonymous.stderr).toContain('--as NAME, or set KB_MODERATOR');
    for (const [args, message] of [
      [['faq', 'add', '--question', 'Q?', '--answer', 'A.', '--as', 'Ann'], 'faq add needs --question, --answer and --source'],
      [['faq', 'open', 'Not An Id'], 'a record id is lower-case letters'],
      [['faq', 'remove', 'holds', '--as', 'Ann'], '--version is required'],
      [['faq', 'open', 'holds', '--answer', 'x'], '--answer is not an option of this command'],
      [['gaps', '--days', 'ten'], '--days must be a whole number of days'],
      [['gap', 'add', 'nothex', 'holds', '--as', 'Ann'], 'a gap id is the 12 hexadecimal characters'],
      [['faq', 'add', ...telescope, '--as', 'A\u0007nn'], '--as may not hold control characters'],
      [['frobnicate'], 'unknown command "frobnicate"'],
    ] as const) {
      const run = await runKb(args);
      expect({ args, status: run.status, stderr: run.stderr.split('\n')[0] }).toEqual({ args, status: 2, stderr: expect.stringContaining(message) });
    }
    expect(await kb.read('faq.yaml')).toBe(before);
    expect(await auditLines()).toEqual([]);
  });

  it('says why a change is refused, with exit code 1: an invalid record, a record others link to', async () => {
    const invalid = await runKb(['faq', 'add', '--question', 'Q?', '--answer', 'A.', '--source', 'made-up-source', '--as', 'Ann']);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('unknown source "made-up-source"');
    const opened = JSON.parse((await runKb(['faq', 'open', 'holds', '--json'])).stdout) as { version: string };
    const linked = await runKb(['faq', 'remove', 'holds', '--version', opened.version, '--as', 'Ann']);
    expect(linked).toMatchObject({ status: 1, stderr: '✗ faq:holds cannot be removed: faq:renewals links to it (related). Take it out of their related list first, then remove it.\n' });
    expect(await kb.read('faq.yaml')).toContain('- id: holds');
  });

  it('lists the gaps of the question log and adds a gap question as a phrasing of a record', async () => {
    const store = await createKnowledgeStore({ dir: kb.dir });
    const log = new QuestionLog({ dataDir: kb.dataDir, enabled: true, retentionDays: 30, flushDelayMs: 1 });
    await log.ready();
    const question = 'Can I borrow a telescope from the library?';
    const reply = store.current().engine.ask(question);
    if (reply.status === 'chat') throw new Error('a question, not chat');
    log.record({ guildId: null, channelKind: 'slash', userId: '1', question, reply });
    await log.close();
    await store.close();

    const listed = await runKb(['gaps', '--json']);
    expect(listed.status).toBe(0);
    const { gaps } = JSON.parse(listed.stdout) as { gaps: { id: string; question: string; count: number }[] };
    expect(gaps).toEqual([expect.objectContaining({ question, count: 1 })]);
    expect((await runKb(['gaps'])).stdout).toContain(`${gaps[0]!.id}    1×  “${question}” — no answer`);

    const added = await runKb(['gap', 'add', gaps[0]!.id, 'borrowing-limit', '--as', 'Ann']);
    expect(added).toMatchObject({ status: 0, stdout: expect.stringContaining(`✓ Added “${question}” as a phrasing of faq:borrowing-limit.`) });
    expect(await kb.read('faq.yaml')).toContain(question);
    expect((await runKb(['gaps'])).stdout).toBe('No gaps in the last 7 days: every question was answered and no answer was voted down.\n');
    const gone = await runKb(['gap', 'dismiss', gaps[0]!.id, '--as', 'Ann']);
    expect(gone).toMatchObject({ status: 1, stderr: expect.stringContaining('no longer in the gap list') });
  });
});
