import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeWriter, recordVersion } from '../../src/store/knowledgeWriter.ts';
import { planEditOffThread } from '../../src/store/editThread.ts';
import { planEdit, type EditRequest } from '../../src/store/planEdit.ts';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

// Edits are opened and planned in a worker thread shared by the process (src/store/editThread.ts).

let kb: Sandbox;
beforeEach(async () => {
  kb = await makeSandbox();
});
afterEach(async () => {
  await kb.remove();
});

describe('the edit thread', () => {
  it('does not keep a process alive: a script that made an edit exits as soon as it is done', async () => {
    const writerModule = pathToFileURL(compiledScript('src/store/knowledgeWriter.ts')).href;
    const script = `
      const { createKnowledgeWriter } = await import(${JSON.stringify(writerModule)});
      const writer = createKnowledgeWriter({ dir: ${JSON.stringify(kb.dir)} });
      const opened = await writer.readFaq('any-cloud-provider');
      const edit = await writer.updateFaq('any-cloud-provider', { ...opened.record, alternates: [...opened.record.alternates, 'is aws fine now?'] }, opened.version, { id: '1', tag: 'mod' });
      console.log(edit.ok);`;
    // The thread stays up for 30 s after its last task; a process it kept alive would run into the timeout.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('true');
    expect(await kb.read('faq.yaml')).toContain('is aws fine now?');
  });

  it('serves several writers and edits in turn, each seeing the file as the last one left it', async () => {
    const first = createKnowledgeWriter({ dir: kb.dir });
    const second = createKnowledgeWriter({ dir: kb.dir });
    const opened = await first.readFaq('ip-license-term');
    if (!opened) throw new Error('test setup: ip-license-term is missing');
    const [a, b] = await Promise.all([
      first.updateFaq('ip-license-term', { ...opened.record, alternates: [...opened.record.alternates, 'first edit'] }, opened.version, { id: '1', tag: 'a' }),
      second.updateFaq('ip-license-term', { ...opened.record, alternates: [...opened.record.alternates, 'second edit'] }, opened.version, { id: '2', tag: 'b' }),
    ]);
    expect(a).toMatchObject({ ok: true });
    // Both were based on the same version: the second must not overwrite the first unseen.
    expect(b).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await kb.read('faq.yaml')).toContain('first edit');
  });

  it('plans without writing: the file is untouched and the plan holds the new text', async () => {
    const before = await kb.read('faq.yaml');
    const writer = createKnowledgeWriter({ dir: kb.dir });
    const opened = await writer.readFaq('any-cloud-provider');
    if (!opened) throw new Error('test setup: any-cloud-provider is missing');
    const record = { ...opened.record, alternates: [...opened.record.alternates, 'planned only'] };
    const plan = await planEdit({ dir: kb.dir, limits: {}, kind: 'faq', action: 'update', id: record.id, record, expectedVersion: recordVersion(opened.record) });
    expect(await kb.read('faq.yaml')).toBe(before);
    if (!plan.ok || !plan.change) throw new Error(`expected a change, got ${JSON.stringify(plan)}`);
    expect(new TextDecoder().decode(plan.change.bytes)).toContain('planned only');
    expect(plan.before).toEqual(opened.record);
  });

  it('refuses a request it cannot read with a clear error, and serves the next one', async () => {
    const bad = { dir: kb.dir, limits: {}, kind: 'recipe', action: 'update', id: 'x', record: null, expectedVersion: null } as unknown as EditRequest;
    await expect(planEditOffThread(bad)).rejects.toThrow(/bad request to the edit thread/);
    const writer = createKnowledgeWriter({ dir: kb.dir });
    expect(await writer.readFaq('any-cloud-provider')).toMatchObject({ record: { id: 'any-cloud-provider' } });
  });
});
