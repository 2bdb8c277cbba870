import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { createKnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { formatRegressionFailure, loadRegressions, runRegressions } from '../../src/store/regressions.ts';
import { recordVersion } from '../../src/store/recordVersion.ts';
import { lineOf } from '../support/tempKnowledge.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

async function engineFor(dir: string) {
  const loaded = await loadKnowledge(dir);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return createAnswerEngine(loaded.knowledge);
}

describe('the bundled regression questions', () => {
  it('all reach their records', async () => {
    const loaded = await loadRegressions(bundledKnowledgeDir);
    if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    expect(loaded.regressions.length).toBeGreaterThanOrEqual(30);
    const expectations = new Set(loaded.regressions.map((r) => r.expect.split(':')[0]));
    expect([...expectations].sort()).toEqual(['faq', 'none', 'table', 'term']);

    const report = runRegressions(await engineFor(bundledKnowledgeDir), loaded.regressions);
    expect(report.failures.map(formatRegressionFailure)).toEqual([]);
    expect(report.passed).toBe(loaded.regressions.length);
  });
});

describe('regressions in an edited folder', () => {
  let kb: Sandbox;
  beforeEach(async () => {
    kb = await makeSandbox();
  });
  afterEach(async () => {
    await kb.remove();
  });

  it('lists the question an alias on the wrong record takes away', async () => {
    const engine = await engineFor(kb.dir);
    const wrong = engine.knowledge.terms.find((term) => term.id === 'vendor-lock-in')!;
    const writer = createKnowledgeWriter({ dir: kb.dir });
    const edit = await writer.updateTerm(wrong.id, { ...wrong, aliases: [...wrong.aliases, 'can openai use aws'] }, recordVersion(wrong), { id: '1', tag: 'mod' });
    expect(edit).toMatchObject({ ok: true });

    const loaded = await loadRegressions(kb.dir);
    if (!loaded.ok) throw new Error('regressions should load');
    const report = runRegressions(await engineFor(kb.dir), loaded.regressions);
    const line = lineOf(await kb.read('regressions.yaml'), '"can openai use aws?"');
    expect(report.failures.map(formatRegressionFailure)).toEqual([
      expect.stringMatching(new RegExp(`regressions\\.yaml:${line} "can openai use aws\\?": expected faq:any-cloud-provider, got .*Vendor lock-in`)),
    ]);
    expect(report.passed).toBe(report.total - 1);
  });

  it('names a renamed record as missing rather than only as a different answer', async () => {
    await kb.append('regressions.yaml', '  - q: "what is azure, again?"\n    expect: term:azure-cloud\n');
    const loaded = await loadRegressions(kb.dir);
    if (!loaded.ok) throw new Error('regressions should load');
    const report = runRegressions(await engineFor(kb.dir), loaded.regressions);
    expect(report.failures.map(formatRegressionFailure)).toEqual([expect.stringContaining('there is no term:azure-cloud in the knowledge')]);
  });

  it('reports a broken regressions file with file:line', async () => {
    const before = await loadRegressions(kb.dir);
    const n = before.ok ? before.regressions.length : 0;
    await kb.append('regressions.yaml', '  - q: "a question"\n    expect: faq\n  - q: "another"\n    expected: none\n  - q: "LOL!"\n    expect: none\n');
    const text = await kb.read('regressions.yaml');
    const loaded = await loadRegressions(kb.dir);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const at = (needle: string) => lineOf(text, needle);
    expect(loaded.problems.map(formatProblem).map((p) => p.replace(/^.*[\\/]/, ''))).toEqual([
      `regressions.yaml:${at('"a question"') + 1} regressions[${n}].expect: must be faq:<id>, term:<id>, table, or none (the question must not be answered)`,
      `regressions.yaml:${at('"another"')} regressions[${n + 1}].expect: is required`,
      `regressions.yaml:${at('"another"') + 1} regressions[${n + 1}].expected: unknown field (only "q" and "expect")`,
      expect.stringMatching(new RegExp(`^regressions\\.yaml:${at('"LOL!"')} regressions\\[${n + 2}\\]\\.q: the same question is already listed as regressions\\[\\d+\\]$`)),
    ]);
  });

  it('treats a folder without a regressions file as having none', async () => {
    await kb.write('regressions.yaml', '');
    expect(await loadRegressions(kb.dir)).toMatchObject({ ok: false });
    const { rm } = await import('node:fs/promises');
    await rm(kb.file('regressions.yaml'));
    expect(await loadRegressions(kb.dir)).toEqual({ ok: true, regressions: [], file: null });
  });
});
