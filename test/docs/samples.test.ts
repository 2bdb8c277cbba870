import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { makeTempKnowledge } from '../support/tempKnowledge.ts';

/**
 * A sample output in a doc is written as
 *
 *     <!-- sample: NAME -->
 *     ```text
 *     …
 *     ```
 *
 * and NAME is one of these: each makes the output now, so a doc can only show what the tools print.
 */
const samples: Record<string, () => Promise<string>> = {
  /** `npm run chat`, the question typed as a person types it. */
  async chat() {
    return chatTranscript(['can openai use aws?']);
  },
  /** `npm run validate` on a knowledge folder where a term cites a source sources.yaml lacks. */
  async 'validate-unknown-source'() {
    const knowledge = await makeTempKnowledge();
    try {
      const terms = await knowledge.read('terms.yaml');
      await knowledge.write('terms.yaml', terms.replace(/sources: \[article\]/, 'sources: [press-release]'));
      const result = run(compiledScript('src/cli/validate.ts'), [knowledge.dir]);
      expect(result.status).toBe(1);
      // Problems go to stderr, as a terminal shows them.
      return result.stderr.replaceAll(knowledge.dir, 'knowledge');
    } finally {
      await knowledge.remove();
    }
  },
};

function run(script: string, args: string[], input = '') {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: '', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What a terminal shows for `npm run chat` with these lines typed: piped, the chat prints its prompt
 * and the reply without the typed line (a terminal echoes it and its Enter), so each is put back.
 */
function chatTranscript(lines: readonly string[]): string {
  const { status, stdout } = run(path.join(projectRoot, 'dist', 'bundle', 'chat.js'), [], `${lines.join('\n')}\n`);
  expect(status).toBe(0);
  const prompt = 'you> ';
  const turns = stdout.split(prompt).slice(1, lines.length + 1);
  return turns.map((reply, i) => `${prompt}${lines[i]}\n${reply}`).join('');
}

const normalize = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

interface DocSample {
  readonly doc: string;
  readonly name: string;
  readonly text: string;
}

function docSamples(): DocSample[] {
  const docs = ['README.md', 'CONTRIBUTING.md', ...readdirSync(path.join(projectRoot, 'docs')).map((file) => path.join('docs', file))].filter((doc) =>
    doc.endsWith('.md'),
  );
  return docs.flatMap((doc) => {
    const text = readFileSync(path.join(projectRoot, doc), 'utf8');
    return [...text.matchAll(/<!-- sample: ([\w-]+) -->\r?\n```text\r?\n([\s\S]*?)\r?\n```/g)].map((match) => ({
      doc,
      name: match[1] ?? '',
      text: match[2] ?? '',
    }));
  });
}

describe('the sample outputs in the docs', () => {
  const found = docSamples();

  it('each name a sample this test knows how to make, and every such sample is shown somewhere', () => {
    for (const sample of found) expect(Object.keys(samples), `${sample.doc}: sample "${sample.name}"`).toContain(sample.name);
    expect(new Set(found.map((sample) => sample.name))).toEqual(new Set(Object.keys(samples)));
  });

  it.each(found.map((sample) => [`${sample.doc}: ${sample.name}`, sample] as const))('%s is what the command prints now', async (_, sample) => {
    const make = samples[sample.name];
    if (!make) throw new Error(`no sample named ${sample.name}`);
    expect(normalize(sample.text)).toBe(normalize(await make()));
  }, 60_000);
});
