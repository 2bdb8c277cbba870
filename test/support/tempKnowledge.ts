import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';

/** A private copy of the bundled knowledge that a test may break without touching the real files. */
export interface TempKnowledge {
  readonly dir: string;
  file(name: string): string;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
  /** Replaces text that must exist in the file, so a test fails loudly when the knowledge changes. */
  replace(name: string, search: string, replacement: string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeTempKnowledge(): Promise<TempKnowledge> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-knowledge-'));
  await cp(bundledKnowledgeDir, dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    file,
    read: (name) => readFile(file(name), 'utf8'),
    write: (name, text) => writeFile(file(name), text),
    async replace(name, search, replacement) {
      const text = await readFile(file(name), 'utf8');
      if (!text.includes(search)) throw new Error(`test setup: "${search}" not found in ${name}`);
      await writeFile(file(name), text.replace(search, replacement));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The 1-based line of the first line containing `needle`, to check reported line numbers. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`test setup: "${needle}" not found`);
  return index + 1;
}
