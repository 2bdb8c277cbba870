import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, type AuditEntry } from '../../src/store/auditLog.ts';

const entry: AuditEntry = {
  at: '2026-12-07T12:00:00.000Z',
  actor: { id: '123456789012345678', tag: 'mod' },
  action: 'remove',
  kind: 'term',
  id: 'zanzibar',
  before: null,
  after: null,
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faq-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const permissions = async (file: string) => (await stat(file)).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the audit log', () => {
  it('is readable by the bot alone, and so is the folder it creates', async () => {
    const file = path.join(dir, 'data', 'audit.log.jsonl');
    await appendAuditEntry(file, entry);
    expect(await permissions(file)).toBe(0o600);
    expect(await permissions(path.dirname(file))).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(entry);
  });

  it('narrows a log an older version left readable to everyone, keeping its lines', async () => {
    const file = path.join(dir, 'audit.log.jsonl');
    await writeFile(file, '{"old":true}\n');
    await chmod(file, 0o644);
    await appendAuditEntry(file, entry);
    expect(await permissions(file)).toBe(0o600);
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
  });
});
