import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The small knowledge base of the second-topic fixture (a library's new rules), not the shipped one. */
export const libraryKnowledgeDir = fileURLToPath(new URL('../fixtures/second-topic/knowledge', import.meta.url));

/** A private copy of the library knowledge in `<root>/knowledge`, with `<root>/data` for the audit and question logs. */
export interface LibraryFolder {
  readonly root: string;
  readonly dir: string;
  readonly dataDir: string;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeLibraryFolder(): Promise<LibraryFolder> {
  const root = await mkdtemp(path.join(tmpdir(), 'faq-moderation-'));
  const dir = path.join(root, 'knowledge');
  await cp(libraryKnowledgeDir, dir, { recursive: true });
  return {
    root,
    dir,
    dataDir: path.join(root, 'data'),
    read: (name) => readFile(path.join(dir, name), 'utf8'),
    write: (name, text) => writeFile(path.join(dir, name), text),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
