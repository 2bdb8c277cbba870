import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

const bundle = (name: string) => path.join(projectRoot, 'dist', 'bundle', `${name}.js`);

function run(script: string, args: string[], input = '', cwd = projectRoot) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every question of the question sets, one per line. */
function fixtureQuestions(): string {
  const dir = path.join(projectRoot, 'test', 'fixtures');
  const questions = ['questions.jsonl', 'holdout.jsonl', 'styles.jsonl', 'followups.jsonl', 'two-questions.jsonl'].flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { q: string }).q.replace(/\r?\n/g, ' ')),
  );
  return `${questions.join('\n')}\n`;
}

describe('the bundled terminal tools (npm run ask, npm run chat)', () => {
  it('are what npm run ask and npm run chat start', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.ask).toBe('node dist/bundle/ask.js');
    expect(scripts.chat).toBe('node dist/bundle/chat.js');
  });

  it('give byte for byte the answers of the modules tsc compiled, in every output mode', () => {
    const input = fixtureQuestions();
    for (const args of [['--json'], [], ['--explain']]) {
      const bundled = run(bundle('ask'), args, input);
      const modules = run(compiledScript('src/cli/ask.ts'), args, input);
      expect(bundled.status).toBe(0);
      expect(bundled.stdout.length).toBeGreaterThan(10_000);
      expect(bundled).toEqual(modules);
    }
  });

  it('chat the same way', () => {
    const input = '/help\ncan openai use aws?\n/faq\n2\n/term llm\n/compare ip license\nthanks!\n/quit\n';
    const bundled = run(bundle('chat'), [], input);
    expect(bundled.stdout).toContain('any cloud provider');
    expect(bundled).toEqual(run(compiledScript('src/cli/chat.ts'), [], input));
  });

  it('find the bundled knowledge and data files when started from any folder', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'faq-bot-elsewhere-'));
    try {
      const { status, stdout } = run(bundle('ask'), ['--json', 'can openai use aws?'], '', elsewhere);
      expect(status).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  describe('with another knowledge folder', () => {
    let kb: TempKnowledge;
    beforeAll(async () => {
      kb = await makeTempKnowledge();
    });
    afterAll(async () => {
      await kb.remove();
    });

    it('report broken knowledge and bad arguments as the modules do', async () => {
      await kb.replace('faq.yaml', 'sources: [article]', 'sources: [nowhere]');
      const broken = run(bundle('ask'), ['--knowledge', kb.dir, 'hi']);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/faq\.yaml:\d+ faq\[0\] \(any-cloud-provider\)\.sources\[0\]: unknown source "nowhere"/);
      expect(broken).toEqual(run(compiledScript('src/cli/ask.ts'), ['--knowledge', kb.dir, 'hi']));
      const usage = run(bundle('ask'), ['--jsn', 'hi']);
      expect(usage.status).toBe(2);
      expect(usage).toEqual(run(compiledScript('src/cli/ask.ts'), ['--jsn', 'hi']));
    });
  });
});
