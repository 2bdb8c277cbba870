import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { knowledgeFileNames, type KnowledgeFileKind, type KnowledgeTexts } from '../../src/knowledge/knowledgeFiles.ts';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { parseKnowledge } from '../../src/knowledge/parseKnowledge.ts';

const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));

/** The bundled files as texts in memory, shown under their bare names. */
async function bundledTexts(): Promise<KnowledgeTexts> {
  const entries = await Promise.all(
    (Object.entries(knowledgeFileNames) as [KnowledgeFileKind, string][]).map(async ([kind, name]) => {
      const text = await readFile(path.join(bundledKnowledgeDir, name), 'utf8');
      return [kind, { displayPath: name, text }] as const;
    }),
  );
  return Object.fromEntries(entries) as KnowledgeTexts;
}

describe('parseKnowledge (no file system)', () => {
  it('gives the same knowledge as loading the folder', async () => {
    const parsed = parseKnowledge(await bundledTexts());
    const loaded = await loadKnowledge(bundledKnowledgeDir);
    expect(parsed.ok && loaded.ok).toBe(true);
    if (parsed.ok && loaded.ok) expect(parsed.knowledge).toEqual(loaded.knowledge);
  });

  it('reports problems in edited texts at their file, line, record and field', async () => {
    const texts = await bundledTexts();
    const terms = texts.terms.text!.replace('sources: [article]', 'sources: [no-such-source]');
    const line = terms.split('\n').findIndex((l) => l.includes('no-such-source')) + 1;
    const result = parseKnowledge({ ...texts, terms: { displayPath: 'terms.yaml', text: terms } });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      `terms.yaml:${line} terms[0] (azure).sources[0]: unknown source "no-such-source" (add it to sources.yaml or fix the id)`,
    ]);
  });

  it('reports a file that could not be read with the reason given by the reader', async () => {
    const texts = await bundledTexts();
    const result = parseKnowledge({ ...texts, sources: { displayPath: 'sources.yaml', text: null, problem: { line: null, message: 'file is missing' } } });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toContain('sources.yaml: file is missing');
  });
});

describe('module structure', () => {
  /** Relative imports (type-only ones included) of every .ts file under `folders`. */
  async function importGraph(folders: readonly string[]): Promise<Map<string, string[]>> {
    const graph = new Map<string, string[]>();
    for (const folder of folders) {
      for (const name of await readdir(path.join(srcDir, folder))) {
        if (!name.endsWith('.ts')) continue;
        const file = path.join(srcDir, folder, name);
        const text = await readFile(file, 'utf8');
        const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => path.resolve(path.dirname(file), m[1]!));
        graph.set(file, targets);
      }
    }
    return graph;
  }

  it('has no import cycles in src/knowledge and src/store', async () => {
    const graph = await importGraph(['knowledge', 'store']);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(srcDir, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
