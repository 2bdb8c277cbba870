import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knowledgeCacheOfBuild } from '../../src/cli/knowledgeCacheOfBuild.ts';
import { loadKnowledgeCached, type KnowledgeCache } from '../../src/knowledge/knowledgeCache.ts';
import { displayPathOf } from '../../src/knowledge/knowledgeFiles.ts';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { lineOf, makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

describe('the validated-knowledge cache', () => {
  let kb: TempKnowledge;
  let cacheDir: string;
  let cache: KnowledgeCache;

  beforeEach(async () => {
    kb = await makeTempKnowledge();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'faq-cache-'));
    cache = { file: path.join(cacheDir, 'nested', 'knowledge.json'), buildId: 'build 1' };
  });
  afterEach(async () => {
    await kb.remove();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('serves unchanged files from the cache: the same knowledge as a full load', async () => {
    const first = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(first.fromCache).toBe(false);
    const second = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(second.fromCache).toBe(true);
    const full = await loadKnowledge(kb.dir);
    expect(full.ok && second.ok).toBe(true);
    if (full.ok && second.ok) expect(second.knowledge).toStrictEqual(full.knowledge);
  });

  it('loads the files again when any of them changed, and caches the new knowledge', async () => {
    await loadKnowledgeCached(kb.dir, {}, cache);
    await kb.replace('terms.yaml', 'term: Azure', 'term: Azure cloud');
    const edited = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(edited.fromCache).toBe(false);
    expect(edited.ok && edited.knowledge.terms[0]?.term).toBe('Azure cloud');
    const again = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(again.fromCache).toBe(true);
    expect(again.ok && again.knowledge.terms[0]?.term).toBe('Azure cloud');
  });

  it('reports a broken file at its file and line though the cache holds the last good knowledge', async () => {
    await loadKnowledgeCached(kb.dir, {}, cache);
    await kb.replace('faq.yaml', 'sources: [article]', 'sources: [nowhere]');
    const broken = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(broken.ok).toBe(false);
    expect(broken.fromCache).toBe(false);
    const line = lineOf(await kb.read('faq.yaml'), 'sources: [nowhere]');
    expect(broken.ok ? [] : broken.problems.map(formatProblem)).toContain(
      `${displayPathOf(kb.file('faq.yaml'))}:${line} faq[0] (any-cloud-provider).sources[0]: unknown source "nowhere" (add it to sources.yaml or fix the id)`,
    );
  });

  it('reports a missing file though the cache holds knowledge', async () => {
    await loadKnowledgeCached(kb.dir, {}, cache);
    await rm(kb.file('sources.yaml'));
    const result = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toContain('file is missing');
  });

  it('is not used by another build', async () => {
    await loadKnowledgeCached(kb.dir, {}, cache);
    expect((await loadKnowledgeCached(kb.dir, {}, { ...cache, buildId: 'build 2' })).fromCache).toBe(false);
  });

  it('ignores a damaged cache file and writes a good one', async () => {
    await loadKnowledgeCached(kb.dir, {}, cache);
    const content = await readFile(cache.file, 'utf8');
    await writeFile(cache.file, content.replace('"question":"', '"question":"Tampered: '));
    const afterTampering = await loadKnowledgeCached(kb.dir, {}, cache);
    expect(afterTampering.fromCache).toBe(false);
    expect(afterTampering.ok && afterTampering.knowledge.faq.some((faq) => faq.question.startsWith('Tampered'))).toBe(false);
    await writeFile(cache.file, content.slice(0, content.length / 2));
    expect((await loadKnowledgeCached(kb.dir, {}, cache)).fromCache).toBe(false);
    expect((await loadKnowledgeCached(kb.dir, {}, cache)).fromCache).toBe(true);
  });

  it('still loads when the cache cannot be written (read-only or missing folder)', async () => {
    // A regular file where the cache folder should be: no user, root included, can create it.
    const blocker = path.join(cacheDir, 'not-a-folder');
    await writeFile(blocker, '');
    const unwritable = { file: path.join(blocker, 'knowledge.json'), buildId: 'build 1' };
    for (let i = 0; i < 2; i++) {
      const result = await loadKnowledgeCached(kb.dir, {}, unwritable);
      expect(result.ok).toBe(true);
      expect(result.fromCache).toBe(false);
    }
  });

  it('is not used when running from the sources (there is no build to key it on)', () => {
    expect(knowledgeCacheOfBuild()).toBeNull();
  });
});
