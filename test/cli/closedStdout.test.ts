import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A pipe whose reader has already gone, as `| head` leaves it once head has its lines: every write
 * to it fails with EPIPE. (A FIFO opened for reading and writing, then its reading end closed.)
 */
function pipeWithNoReader(): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-pipe-'));
  const fifo = path.join(dir, 'stdout');
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  closeSync(reader);
  cleanups.push(() => {
    closeSync(writer);
    rmSync(dir, { recursive: true, force: true });
  });
  return writer;
}

function run(script: string, args: readonly string[], input = ''): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], { cwd: projectRoot, env: { ...process.env, KNOWLEDGE_DIR: '' }, stdio: ['pipe', pipeWithNoReader(), 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a terminal tool whose reader closed its output (| head)', () => {
  it.each([
    ['npm run ask, one question', 'dist/bundle/ask.js', ['can openai use aws?'], ''],
    ['npm run ask, questions on stdin', 'dist/bundle/ask.js', ['--json'], 'can openai use aws?\n'.repeat(200)],
    ['npm run validate', compiledScript('src/cli/validate.ts'), [], ''],
  ])('%s exits quietly', async (_name, script, args, input) => {
    const { code, stderr } = await run(path.resolve(projectRoot, script), args, input);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
