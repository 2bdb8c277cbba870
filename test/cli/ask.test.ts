import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

const script = compiledScript('src/cli/ask.ts');

function runAsk(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: projectRoot,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: '', ...env },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ask', () => {
  it('prints the reply as a person reads it: answer, quote and sources', () => {
    const { status, stdout } = runAsk(['can openai use aws?']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Can OpenAI now use AWS or Google Cloud\?\n\n/);
    expect(stdout).toContain('any cloud provider');
    expect(stdout).toContain('“The amended agreement allows OpenAI');
    expect(stdout).toContain('Sources:\n  - Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation');
  });

  it('says with --explain how closely the answer matched, in words and as the score, never as a percentage', () => {
    const { status, stdout } = runAsk(['--explain', 'can openai use aws?']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/\n\[answered, match: strong, score (0\.\d+|1)\]\n/);
    expect(stdout).toMatch(/\ndecision:  lexical — answer: score (0\.\d+|1), 0\.\d+ ahead of the next \(answers from /);
    expect(stdout).not.toMatch(/confidence|%/);
  });

  it('prints one JSON object in the documented shape with --json', () => {
    const { status, stdout } = runAsk(['--json', 'compare', 'old', 'and', 'new', 'terms']);
    expect(status).toBe(0);
    const reply: unknown = JSON.parse(stdout);
    expect(reply).toEqual({
      question: 'compare old and new terms',
      status: 'answered',
      kind: 'table',
      id: 'partnership-terms',
      confidence: expect.any(Number),
      confidenceScale: 'score',
      text: expect.stringMatching(/Cloud Deployment .*\| Primarily Azure .*\| Any cloud provider/),
      sources: [{ id: 'article', title: 'Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation' }],
      editorsNote: null,
      suggestions: [],
      act: null,
      also: [],
      unstated: null,
    });
  });

  it("shows a term's editors' note after the sources, labelled, in text and in JSON", () => {
    const { status, stdout } = runAsk(['what is vendor lock-in?']);
    expect(status).toBe(0);
    expect(stdout).toContain(
      'Sources:\n  - Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation\n\n' +
        "Editors' note (not from the sources): Depending on one supplier so heavily that switching away is hard or costly.",
    );
    const json = runAsk(['--json', 'what is vendor lock-in?']);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'term', id: 'vendor-lock-in', editorsNote: 'Depending on one supplier so heavily that switching away is hard or costly.' });
  });

  it('says in JSON what the sources do not state, when that is why there is no answer', () => {
    const { status, stdout } = runAsk(['--json', 'what exact percentage does openai pay microsoft?']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'suggestions', unstated: { kind: 'percentage' }, text: expect.stringMatching(/^The sources don't give that percentage\./) });
  });

  it('answers every stdin line in order in batch mode, in one process', () => {
    const questions = ['hello', 'when does the ip license expire', 'what is an llm', '', 'is the revenue share openai pays capped'];
    const { status, stdout } = runAsk(['--json'], `${questions.join('\n')}\n`);
    expect(status).toBe(0);
    const replies = stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string; status: string; id: string | null });
    expect(replies.map((reply) => reply.question)).toEqual(questions);
    expect(replies.map((reply) => [reply.status, reply.id])).toEqual([
      ['no_match', null],
      ['answered', 'ip-license-term'],
      ['answered', 'large-language-models'],
      ['no_match', null],
      ['answered', 'openai-revenue-share-capped'],
    ]);
  });

  it('splits batch input on line ends only: a lone CR inside a line is part of the question, CRLF ends it', () => {
    const { status, stdout } = runAsk(['--json'], 'when does the ip\rlicense expire\r\nwhat is an llm\r\n');
    expect(status).toBe(0);
    const replies = stdout.trim().split('\n').map((line) => JSON.parse(line) as { question: string; id: string | null });
    expect(replies.map((reply) => reply.question)).toEqual(['when does the ip\rlicense expire', 'what is an llm']);
    expect(replies.map((reply) => reply.id)).toEqual(['ip-license-term', 'large-language-models']);
  });

  it('rejects unknown options with exit code 2 and the usage', () => {
    const { status, stderr } = runAsk(['--jsn', 'hi']);
    expect(status).toBe(2);
    expect(stderr).toContain("Unknown option '--jsn'");
    expect(stderr).toContain('npm run ask --');
  });

  describe('with another knowledge folder', () => {
    let kb: TempKnowledge;
    beforeAll(async () => {
      kb = await makeTempKnowledge();
    });
    afterAll(async () => {
      await kb.remove();
    });

    it('serves an edited answer from --knowledge DIR and from KNOWLEDGE_DIR', async () => {
      await kb.replace('faq.yaml', 'continues\n      **through 2032**.', 'continues\n      **through 2032** (edited copy).');
      expect(runAsk(['--knowledge', kb.dir, 'when does the ip license expire']).stdout).toContain('(edited copy)');
      expect(runAsk(['when does the ip license expire'], '', { KNOWLEDGE_DIR: kb.dir }).stdout).toContain('(edited copy)');
    });

    it('answers from the edited files at once, though the knowledge before the edit was cached by the runs before', async () => {
      await kb.replace('faq.yaml', 'AWS and Google Cloud included', 'AWS and Google Cloud included (first edit)');
      for (let i = 0; i < 2; i++) expect(runAsk(['--knowledge', kb.dir, 'can openai use aws?']).stdout).toContain('included (first edit)');
      await kb.replace('faq.yaml', 'included (first edit)', 'included (second edit)');
      const { stdout } = runAsk(['--knowledge', kb.dir, 'can openai use aws?']);
      expect(stdout).toContain('included (second edit)');
      expect(stdout).not.toContain('first edit');
    });

    it('refuses invalid knowledge with every problem and exit code 1', async () => {
      await kb.replace('faq.yaml', 'sources: [article]', 'sources: [nowhere]');
      const { status, stdout, stderr } = runAsk(['--knowledge', kb.dir, 'hi']);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/faq\.yaml:\d+ faq\[0\] \(any-cloud-provider\)\.sources\[0\]: unknown source "nowhere"/);
    });

    it('says what that knowledge covers when it has no answer, never another topic', () => {
      const { status, stdout } = runAsk(['--knowledge', 'test/fixtures/second-topic/knowledge', 'what is the weather in paris tomorrow?']);
      expect(status).toBe(0);
      expect(stdout).toBe("The sources don't mention paris. It is not in this server's FAQ.\nTry asking \"When do late fees on books end?\" or browse the questions I know with /faq.\n");
    });
  });
});
