import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { parseQuestionSet, rates, scoreQuestionSet, type SetScore } from '../../src/evaluation/questionSet.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { toJsonReply } from '../../src/render/renderJson.ts';
import { renderPlainText, stripMarkdown } from '../../src/render/renderPlainText.ts';
import { answerIdOf } from '../support/replies.ts';
import { createAnswerEngine, type AnswerEngine } from '../../src/answer/answerEngine.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const readSet = (name: string) => parseQuestionSet(readFileSync(fixture(name), 'utf8'), name);
const missesOf = (score: SetScore) =>
  score.questions
    .filter(({ outcome }) => outcome !== 'right' && outcome !== 'held back')
    .map(({ question, outcome, got }) => `${outcome}: ${question.q} -> ${got}`)
    .join('\n');

async function engineFor(dir: string): Promise<AnswerEngine> {
  const result = await loadKnowledge(dir);
  if (!result.ok) throw new Error(`${dir} must be valid`);
  return createAnswerEngine(result.knowledge);
}

const opensWithYesOrNo = /^(yes|no)\b/i;

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await engineFor(bundledKnowledgeDir);
});

describe('question sets', () => {
  // A question whose facts no record states cannot be answered right: labelled answerable, it would
  // count the bot's correct silence as a miss.
  it.each([
    ['questions.jsonl', null],
    ['styles.jsonl', null],
    ['holdout.jsonl', null],
    ['holdout2.jsonl', null],
    ['holdout3.jsonl', null],
    ['followups.jsonl', null],
    ['second-topic/questions.jsonl', 'second-topic/knowledge'],
  ])('labels a question of %s answerable only when some record states its facts', async (name, knowledgeDir) => {
    const source = knowledgeDir ? await engineFor(fixture(knowledgeDir)) : engine;
    const { knowledge } = source;
    const replies = [...knowledge.faq.map((r) => source.replyFor('faq', r.id)), ...knowledge.terms.map((r) => source.replyFor('term', r.id)), source.compare()];
    const texts = replies.flatMap((reply) => (reply ? [`\n${toJsonReply(reply).text.toLowerCase()}`] : []));
    const unanswerable = readSet(name).filter(
      (question) => !('abstain' in question) && !texts.some((text) => question.facts.every((group) => group.some((fact) => text.includes(fact.toLowerCase())))),
    );
    expect(unanswerable.map((question) => question.q)).toEqual([]);
  });

  it('answers ≥ 95% of the project question set correctly and holds back ≥ 95% of its chatter', () => {
    const questions = readSet('questions.jsonl');
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const score = scoreQuestionSet(engine, questions);
    expect(score.total.offTopic).toBeGreaterThanOrEqual(20);
    expect(rates(score.total).right, missesOf(score)).toBeGreaterThanOrEqual(0.95);
    expect(rates(score.total).heldBack, missesOf(score)).toBeGreaterThanOrEqual(0.95);
  });

  // Written by people who saw only the article, never the knowledge or the engine (the second one
  // on purpose in words the article does not use; the third in the styles members write, fixed in
  // its own commit before the bot first ran on it). Their bars are floors against regressions at
  // the measured level, not targets.
  it.each([
    ['holdout.jsonl', 0.8, 0.88],
    ['holdout2.jsonl', 0.6, 0.9],
    ['holdout3.jsonl', 0.65, 0.9],
  ])('keeps its measured level on the held-out set %s', (name, minAnswered, minHeldBack) => {
    const score = scoreQuestionSet(engine, readSet(name));
    expect(rates(score.total).right, missesOf(score)).toBeGreaterThanOrEqual(minAnswered);
    expect(rates(score.total).heldBack, missesOf(score)).toBeGreaterThanOrEqual(minHeldBack);
  });
});

// Questions in the ways members write (written fresh from the article, never from the knowledge).
// Floors sit just under the measured level per style, so a change that loses a style fails here.
describe('styled question sets', () => {
  const styleFloors: Readonly<Record<string, number>> = {
    slang: 0.8,
    typo: 0.9,
    long: 0.95,
    indirect: 0.2,
    mention: 0.75,
    multi: 0.95,
    synonym: 0.5,
  };

  it('keeps every style of the styled set at its floor, with at most 2% confidently wrong', () => {
    const score = scoreQuestionSet(engine, readSet('styles.jsonl'));
    for (const style of [...Object.keys(styleFloors), 'chatter', 'offtopic', 'nearmiss']) {
      const row = score.styles.find((candidate) => candidate.style === style);
      expect(row ? row.answerable + row.offTopic : 0, `${style} needs at least 15 questions`).toBeGreaterThanOrEqual(15);
    }
    for (const row of score.styles) {
      const floor = styleFloors[row.style];
      if (floor !== undefined) expect(rates(row).right, `${row.style}\n${missesOf(score)}`).toBeGreaterThanOrEqual(floor);
      else expect(rates(row).heldBack, `${row.style}\n${missesOf(score)}`).toBeGreaterThanOrEqual(0.85);
    }
    expect(rates(score.total).wrong, missesOf(score)).toBeLessThanOrEqual(0.02);
    expect(rates(score.total).heldBack, missesOf(score)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads follow-ups in the context of the previous answer and answers two questions at once', () => {
    const followUps = scoreQuestionSet(engine, readSet('followups.jsonl'));
    expect(followUps.total.answerable).toBeGreaterThanOrEqual(12);
    expect(rates(followUps.total).right, missesOf(followUps)).toBeGreaterThanOrEqual(0.8);
    // A reply asking about something the knowledge lacks is not answered with the previous topic.
    expect(followUps.total.offTopic).toBeGreaterThanOrEqual(15);
    expect(rates(followUps.total).heldBack, missesOf(followUps)).toBeGreaterThanOrEqual(0.8);
    const twoQuestions = scoreQuestionSet(engine, readSet('two-questions.jsonl'));
    expect(twoQuestions.total.answerable).toBeGreaterThanOrEqual(10);
    expect(rates(twoQuestions.total).right, missesOf(twoQuestions)).toBeGreaterThanOrEqual(0.85);
  });

  // Another topic (a library's new rules), with plainly written alternates as a moderator would
  // write them and no synonyms: what the engine understands without knowledge tuned to the set.
  it('understands a knowledge base on another topic without tuning', async () => {
    const other = await engineFor(fixture('second-topic/knowledge'));
    const score = scoreQuestionSet(other, readSet('second-topic/questions.jsonl'));
    expect(rates(score.total).right, missesOf(score)).toBeGreaterThanOrEqual(0.55);
    expect(score.total.wrong, missesOf(score)).toBeLessThanOrEqual(1);
    expect(rates(score.total).heldBack, missesOf(score)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the shipped knowledge: no answer opens with a bare Yes or No', () => {
  it.each(['did microsoft sell its openai shares?', "did microsoft stop being openai's primary cloud partner?", "is microsoft's license still exclusive?"])(
    'the reply to %j does not open a line with Yes or No',
    (question) => {
      const reply = engine.ask(question);
      const lines = renderPlainText(reply)
        .split('\n')
        .map((line) => line.trim());
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line, `${answerIdOf(reply)}: ${line}`).not.toMatch(opensWithYesOrNo);
    },
  );

  it('no FAQ answer in the knowledge opens a line with Yes or No', () => {
    expect(engine.knowledge.faq.length).toBeGreaterThan(0);
    for (const faq of engine.knowledge.faq) {
      for (const line of stripMarkdown(faq.answer).split('\n')) expect(line.trim(), faq.id).not.toMatch(opensWithYesOrNo);
    }
  });
});

describe('the shipped knowledge: off-topic questions', () => {
  // No record has "weather"; the lexicon's sense of it ("conditions") is one the article never means.
  it('replies to "what\'s the weather like today" with no_match', () => {
    expect(engine.ask("what's the weather like today")).toMatchObject({ status: 'no_match' });
  });
});
