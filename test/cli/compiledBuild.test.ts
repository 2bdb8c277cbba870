import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('the compiled build (npm run build, dist/)', () => {
  it('has every data file the modules read next to them, as in src/', () => {
    const dataFiles = filesUnder(path.join(projectRoot, 'src'))
      .filter((file) => !file.endsWith('.ts'))
      .map((file) => path.relative(projectRoot, file));
    expect(dataFiles).toContain(path.join('src', 'text', 'data', 'related-words.txt'));
    expect(dataFiles.filter((file) => !existsSync(path.join(projectRoot, 'dist', file)))).toEqual([]);
  });

  it('answers from the bundled knowledge when started from any folder', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'faq-bot-elsewhere-'));
    try {
      const result = spawnSync(process.execPath, [compiledScript('src/cli/ask.ts'), '--json', 'can openai use aws?'], {
        cwd: elsewhere,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        timeout: 30_000,
      });
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
