import { spawnSync } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasBomb } from '../knowledge/hostileYaml.ts';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

const script = compiledScript('src/cli/validate.ts');

function runValidate(dir: string, ...flags: string[]) {
  const result = spawnSync(process.execPath, [script, ...flags, dir], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, KNOWLEDGE_DIR: '' }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run validate', () => {
  let kb: TempKnowledge;
  beforeAll(async () => {
    kb = await makeTempKnowledge();
  });
  afterAll(async () => {
    await kb.remove();
  });

  it('with --confusions, lists the phrasings answered with another record when asked with themselves left out', () => {
    const { status, stdout } = runValidate(kb.dir, '--confusions');
    expect(status).toBe(0);
    const tally = stdout.match(/Each FAQ phrasing asked with itself left out \((\d+) phrasings\): ([\d.]+)% answered with their own record/);
    expect(tally).not.toBeNull();
    expect(Number(tally![1])).toBeGreaterThan(50);
    expect(stdout).toMatch(/\n {2}faq:[a-z0-9-]+ {2}".+" {2}→ {2}(faq|term|table):[a-z0-9-]+/);
  });

  it('prints its usage with --help and exits 0, checking nothing', () => {
    const { status, stdout, stderr } = runValidate(kb.dir, '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: npm run validate [-- [--confusions] DIR]');
    expect(stdout).not.toContain('is valid');
    expect(stderr).toBe('');
  });

  it('reports a YAML alias bomb as file:line and exits 1, with no stack trace', async () => {
    await appendFile(kb.file('faq.yaml'), aliasBomb());
    const { status, stderr } = runValidate(kb.dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/✗ 1 problem in .*\n {2}.*faq\.yaml:\d+: YAML aliases expand to more than \d+ values/);
    expect(stderr).not.toMatch(/ReferenceError|\n\s+at /);
  });
});
