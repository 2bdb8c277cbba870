import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';

const script = compiledScript('src/cli/chat.ts');

function runChat(args: string[], input = '') {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: '' },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run chat', () => {
  it('prints its usage with --help and exits 0, without starting a session', () => {
    const { status, stdout } = runChat(['--help'], 'can openai use aws?\n');
    expect(status).toBe(0);
    expect(stdout).toContain('Talk to the bot in your terminal');
    expect(stdout).toContain('--knowledge DIR');
    expect(stdout).not.toContain('you> ');
  });

  it("refuses ask's --json and a question on the command line instead of ignoring them, naming npm run ask", () => {
    const { status, stdout, stderr } = runChat(['--json', 'can openai use aws?'], 'can openai use aws?\n');
    expect(status).toBe(2);
    expect(stderr).toContain('npm run chat takes no --json or the question "can openai use aws?"');
    expect(stderr).toContain('npm run ask -- "question"');
    expect(stdout).toBe('');
  });
});
