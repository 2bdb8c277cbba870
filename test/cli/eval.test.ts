// `npm run eval`: scores a question set per style, and refuses a set it cannot read with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';

const script = compiledScript('src/cli/eval.ts');
const knowledge = path.join(projectRoot, 'test', 'fixtures', 'mini-knowledge');

function runEval(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args, '--knowledge', knowledge], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, MEANING: 'off' }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'faq-eval-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run eval', () => {
  it('scores each style: right, wrong (answered without the facts), unsure, and off-topic held back', async () => {
    const set = path.join(dir, 'set.jsonl');
    await writeFile(
      set,
      [
        { q: 'when is the office open?', facts: [['nine']], style: 'plain' },
        { q: 'when is the office open?', facts: [['midnight']], style: 'plain' },
        { q: 'thanks!', abstain: true, style: 'chatter' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const { status, stdout } = runEval(set, '--all');
    expect(status).toBe(0);
    expect(stdout).toMatch(/\nplain +2 +1 +1 +0 +50\.0%/);
    expect(stdout).toMatch(/\nchatter +\| +1 +1 +100\.0%/);
    expect(stdout).toMatch(/WRONG +\[plain\] when is the office open\? -> faq:office-hours/);
    expect(stdout).toMatch(/answerable 1\/2 right \(50\.0%\), 1 wrong \(50\.0%\), off-topic held back 1\/1 \(100\.0%\)/);
  });

  it('names the line and field of a bad question, and a file it cannot read, and exits 2', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, '{"q": "when is the office open?", "facts": [["nine"]]}\n{"q": 3}\n');
    const badLine = runEval(bad);
    expect(badLine.status).toBe(2);
    expect(badLine.stderr).toMatch(/bad\.jsonl:2: /);
    const missing = runEval(path.join(dir, 'missing.jsonl'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*missing\.jsonl: there is no such file \(check the path\)/);
    const folder = runEval(dir);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/it is a folder; give a \.jsonl file/);
  });
});
