import { lstat, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter, KnowledgeFileError, recordVersion, type FaqInput, type KnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { validateProposal } from '../../src/store/validateProposal.ts';
import { aliasBomb } from '../knowledge/hostileYaml.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

const mod = { id: '111111111111111111', tag: 'mod#0001' };
const newFaq: FaqInput = {
  id: 'quokka-policy',
  question: 'Does the amendment say anything about quokkas?',
  answer: 'The article **never mentions** quokkas; this record exists only for a test.',
  sources: ['article'],
};
const aliasProblem = (file: string) => new RegExp(`${file.replace('.', '\\.')}:\\d+: YAML aliases expand to more than \\d+ values`);

let kb: Sandbox;
let store: KnowledgeStore;
let writer: KnowledgeWriter;

beforeEach(async () => {
  kb = await makeSandbox();
  store = await createKnowledgeStore({ dir: kb.dir });
  writer = createKnowledgeWriter({ dir: kb.dir, store });
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

describe('a knowledge file the writer cannot parse', () => {
  it('opening a record of a bombed faq.yaml reports the file problem, not "no such record"', async () => {
    const id = store.current().knowledge.faq[0]!.id;
    await kb.append('faq.yaml', aliasBomb());
    const error: unknown = await writer.readFaq(id).then(() => null, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(KnowledgeFileError);
    expect((error as KnowledgeFileError).problems.map(formatProblem)).toEqual([expect.stringMatching(aliasProblem('faq.yaml'))]);
    expect((error as KnowledgeFileError).message).toMatch(/faq\.yaml cannot be read right now; fix it first/);
  });

  it('an edit of a bombed faq.yaml is refused with file:line and nothing is written', async () => {
    const target = store.current().knowledge.faq[0]!;
    await kb.append('faq.yaml', aliasBomb());
    const before = await kb.read('faq.yaml');
    const result = await writer.updateFaq(target.id, { ...target, answer: 'Changed.' }, recordVersion(target), mod);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok ? [] : result.problems?.map(formatProblem)).toEqual([expect.stringMatching(aliasProblem('faq.yaml'))]);
    expect(await kb.read('faq.yaml')).toBe(before);
  });

  it('an addition while another file (terms.yaml) is bombed is refused with that file:line', async () => {
    await kb.append('terms.yaml', aliasBomb());
    const result = await writer.addFaq(newFaq, mod);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok ? [] : result.problems?.map(formatProblem)).toEqual([expect.stringMatching(aliasProblem('terms.yaml'))]);
  });

  it('a missing faq.yaml is refused with the file problem instead of a raw ENOENT', async () => {
    const target = store.current().knowledge.faq[0]!;
    await rename(kb.file('faq.yaml'), path.join(kb.root, 'faq.yaml.moved'));
    const result = await writer.updateFaq(target.id, { ...target, answer: 'Changed.' }, recordVersion(target), mod);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(result.ok ? [] : result.problems?.map(formatProblem)).toEqual([expect.stringMatching(/faq\.yaml: file is missing$/)]);
  });
});

describe('a knowledge file with old Mac line endings (CR only)', () => {
  it('is edited like any other and keeps its line endings', async () => {
    await kb.write('faq.yaml', (await kb.read('faq.yaml')).replaceAll('\n', '\r'));
    await store.reload({ kind: 'request', by: 'a test' });
    const { record, version } = (await writer.readFaq(store.current().knowledge.faq[0]!.id))!;
    const result = await writer.updateFaq(record.id, { ...record, alternates: [...record.alternates, 'is the zanzibar clause about clouds?'] }, version, mod);
    expect(result).toMatchObject({ ok: true, reload: { ok: true } });
    const text = await kb.read('faq.yaml');
    expect(text).toContain('- is the zanzibar clause about clouds?\r');
    expect(text).not.toContain('\n');
  });
});

describe('a symlinked knowledge file', () => {
  it('is edited through the link: the link stays, its target gets the new text, atomically and in its own folder', async () => {
    const shared = path.join(kb.root, 'shared');
    await mkdir(shared);
    await rename(kb.file('faq.yaml'), path.join(shared, 'faq.yaml'));
    await symlink(path.join('..', 'shared', 'faq.yaml'), kb.file('faq.yaml'));

    const result = await writer.addFaq(newFaq, mod);
    expect(result).toMatchObject({ ok: true, reload: { ok: true, changes: { added: ['faq:quokka-policy'] } } });
    expect((await lstat(kb.file('faq.yaml'))).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(shared, 'faq.yaml'), 'utf8')).toContain('- id: quokka-policy');
    expect([...(await readdir(kb.dir)), ...(await readdir(shared))].filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(store.current().knowledge.faq.map((record) => record.id)).toContain('quokka-policy');
  });
});

describe('validating a proposed edit', () => {
  it('happens in memory: no temp folder is needed', async () => {
    const saved = process.env.TMPDIR;
    const notAFolder = path.join(kb.root, 'not-a-folder');
    await writeFile(notAFolder, '');
    process.env.TMPDIR = notAFolder;
    try {
      const terms = (await kb.read('terms.yaml')).replace('sources: [article]', 'sources: [no-such-source]');
      const result = await validateProposal(kb.dir, { terms });
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([expect.stringMatching(/knowledge[\\/]terms\.yaml:\d+ terms\[0\] \(azure\)\.sources\[0\]: unknown source "no-such-source"/)]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
