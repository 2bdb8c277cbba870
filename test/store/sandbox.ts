import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';

/**
 * A private copy of the bundled knowledge in `<root>/knowledge`, so the writer's default audit log
 * (`<root>/data/audit.log.jsonl`) stays inside the sandbox too.
 */
export interface Sandbox {
  readonly root: string;
  readonly dir: string;
  readonly auditLogPath: string;
  file(name: string): string;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
  append(name: string, text: string): Promise<void>;
  /** Edits a file through the yaml Document API (formatting of the file does not matter to the caller). */
  editYaml(name: string, change: (doc: Document) => void): Promise<void>;
  remove(): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const root = await mkdtemp(path.join(tmpdir(), 'faq-store-'));
  const dir = path.join(root, 'knowledge');
  await cp(bundledKnowledgeDir, dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  return {
    root,
    dir,
    auditLogPath: path.join(root, 'data', 'audit.log.jsonl'),
    file,
    read: (name) => readFile(file(name), 'utf8'),
    write: (name, text) => writeFile(file(name), text),
    append: (name, text) => appendFile(file(name), text),
    async editYaml(name, change) {
      const doc = parseDocument(await readFile(file(name), 'utf8'));
      change(doc);
      await writeFile(file(name), doc.toString());
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Polls until `probe` returns something truthy; fails with `what` if it never does. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A term record as YAML text, appended to terms.yaml by the tests. */
export function termYaml(id: string, term: string, definition: string): string {
  return `\n  - id: ${id}\n    term: ${term}\n    aliases: []\n    definition: >-\n      ${definition}\n    quote: Microsoft and OpenAI Amend Partnership\n    sources: [article]\n`;
}
