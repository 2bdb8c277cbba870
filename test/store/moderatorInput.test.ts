import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/knowledgeProblem.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { addAlternate } from '../../src/store/addAlternate.ts';
import { appendRegression } from '../../src/store/appendRegression.ts';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/store/knowledgeStore.ts';
import { createKnowledgeWriter, recordVersion, type KnowledgeWriter } from '../../src/store/knowledgeWriter.ts';
import { formatRegressionFailure, loadRegressions, outcomeOf, runRegressions } from '../../src/store/regressions.ts';
import { makeSandbox, type Sandbox } from './sandbox.ts';

const mod = { id: '111111111111111111', tag: 'mod#0001' };
let kb: Sandbox;
let store: KnowledgeStore;
let writer: KnowledgeWriter;

beforeEach(async () => {
  kb = await makeSandbox();
  store = await createKnowledgeStore({ dir: kb.dir });
  writer = createKnowledgeWriter({ dir: kb.dir, store });
});
afterEach(async () => {
  await store.close();
  await kb.remove();
});

/** What `npm run validate` checks: the knowledge loads, and every regression question reaches its record. */
async function validationProblems(): Promise<string[]> {
  const loaded = await loadKnowledge(kb.dir);
  if (!loaded.ok) return loaded.problems.map(formatProblem);
  const regressions = await loadRegressions(kb.dir);
  if (!regressions.ok) return regressions.problems.map(formatProblem);
  return runRegressions(createAnswerEngine(loaded.knowledge), regressions.regressions).failures.map(formatRegressionFailure);
}

// As the bot does: what the question gets from the knowledge served after the edit.
const served = (question: string) => outcomeOf(store.current().engine.ask(question));
const files = async () => [await kb.read('faq.yaml'), await kb.read('regressions.yaml')];

describe('/kb alternate', () => {
  it.each([
    ['a NUL', 'can openai use \u0000aws', 'a NUL character (U+0000) at character 16'],
    ['an escape', 'can openai use \u001b[31maws', 'a control character (U+001B) at character 16'],
    ['a right-to-left override', 'can openai use \u202Eswa', 'a right-to-left override character (U+202E) at character 16'],
    ['a first-strong isolate', 'can openai use \u2068aws', 'a first-strong isolate character (U+2068) at character 16'],
  ])('refuses a question with %s character, saying which and where, and changes no file', async (_name, question, said) => {
    const before = await files();
    const result = await addAlternate(writer, 'any-cloud-provider', question, mod, served);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(said);
    expect(await files()).toEqual(before);
    expect(await validationProblems()).toEqual([]);
  });

  it('does not list a question that does not reach the record in regressions.yaml, and says why; validation still passes', async () => {
    const regressionsBefore = await kb.read('regressions.yaml');
    const result = await addAlternate(writer, 'any-cloud-provider', '*alias', mod, served);
    expect(result).toMatchObject({ ok: true, alreadyThere: false });
    if (!result.ok) return;
    expect(result.reaches).not.toBe('faq:any-cloud-provider');
    expect(result.regression).toMatch(/^the question does not reach faq:any-cloud-provider yet \(it gets .+\), so npm run validate would fail on it$/);
    expect(await kb.read('regressions.yaml')).toBe(regressionsBefore);
    expect(await validationProblems()).toEqual([]);
  });

  it('lists a question that reaches the record, and validation still passes', async () => {
    // The record's own question, said another way round: sure to reach it.
    const { question } = (await writer.readFaq('any-cloud-provider'))!.record;
    const asked = `so, ${question.replace(/\?$/, '')}, please?`;
    const result = await addAlternate(writer, 'any-cloud-provider', asked, mod, served);
    expect(result).toMatchObject({ ok: true, regression: 'added', reaches: 'faq:any-cloud-provider' });
    const listed = await loadRegressions(kb.dir);
    expect(listed.ok && listed.regressions.at(-1)).toMatchObject({ q: asked, expect: 'faq:any-cloud-provider' });
    expect(await validationProblems()).toEqual([]);
  });
});

describe('the record forms (/kb faq add|edit, /kb term add|edit)', () => {
  it('refuse text with a control or text-direction character, naming the field', async () => {
    const opened = (await writer.readFaq('any-cloud-provider'))!;
    const before = await files();
    const edited = await writer.updateFaq('any-cloud-provider', { ...opened.record, answer: `${opened.record.answer} \u202Edetacnu` }, opened.version, mod);
    expect(edited).toMatchObject({ ok: false, reason: 'invalid', message: 'The FAQ record has a character that is not allowed, so nothing was saved.' });
    if (edited.ok) return;
    expect(edited.problems?.map(formatProblem)).toEqual([expect.stringMatching(/faq\.yaml faq \(any-cloud-provider\)\.answer: contains a right-to-left override character \(U\+202E\) at character \d+; /)]);

    const term = (await writer.readTerm('azure'))!;
    const added = await writer.addTerm({ id: 'nul-term', term: 'A\u0000B', aliases: [], definition: 'Only for a test.', sources: ['article'] }, mod);
    expect(added).toMatchObject({ ok: false, problems: [{ where: 'terms (nul-term).term', message: expect.stringContaining('a NUL character (U+0000) at character 2') }] });
    const alias = await writer.updateTerm('azure', { ...term.record, aliases: [...term.record.aliases, 'az\u2066ure'] }, recordVersion(term.record), mod);
    expect(alias).toMatchObject({ ok: false, problems: [{ where: `terms (azure).aliases[${term.record.aliases.length}]` }] });
    expect(await files()).toEqual(before);
    expect(await validationProblems()).toEqual([]);
  });
});

describe('appending to regressions.yaml', () => {
  it('refuses a line validation would refuse, saying why, and leaves the file as it was', async () => {
    const before = await kb.read('regressions.yaml');
    const tooLong = await appendRegression(kb.dir, `is ${'very '.repeat(900)}long ok?`, 'faq:any-cloud-provider');
    expect(tooLong).toMatchObject({ ok: false, message: expect.stringMatching(/^the line would not pass validation \(.*regressions\.yaml:\d+ regressions\[\d+\]\.q: /) });
    const badExpect = await appendRegression(kb.dir, 'a fine question', 'faq:Not An Id');
    expect(badExpect).toMatchObject({ ok: false, message: expect.stringContaining('.expect: must be faq:<id>') });
    expect(await kb.read('regressions.yaml')).toBe(before);
    expect(await validationProblems()).toEqual([]);
  });
});
