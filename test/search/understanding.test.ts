import { stemOf } from '../../src/text/stem.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { renderPlainText, stripMarkdown } from '../../src/render/renderPlainText.ts';
import type { RecordRef } from '../../src/reply/replyModel.ts';
import { createAnswerEngine, type AnswerEngine } from '../../src/answer/answerEngine.ts';
import { answerIdOf } from '../support/replies.ts';

let engine: AnswerEngine;

beforeAll(async () => {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('bundled knowledge must be valid');
  engine = createAnswerEngine(result.knowledge);
});

/** The record `id` as a previous answer in the conversation. */
function previousAnswer(id: string): RecordRef {
  const reply = engine.replyFor('faq', id);
  if (!reply) throw new Error(`no FAQ record ${id}`);
  return { kind: reply.kind, id: reply.id, title: reply.title };
}

const opensWithYesOrNo = /^(yes|no)\b/i;

describe('polarity traps: no answer opens with a bare Yes or No', () => {
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

describe('follow-ups read in the context of the previous answer', () => {
  it('"and is it still exclusive?" after the license term is about the non-exclusive license', () => {
    const reply = engine.ask('and is it still exclusive?', { previous: previousAnswer('ip-license-term') });
    expect(reply).toMatchObject({ status: 'answered', id: 'non-exclusive-license' });
  });

  it('"until when?" after the capped revenue share gives its end year', () => {
    const reply = engine.ask('until when?', { previous: previousAnswer('openai-revenue-share-capped') });
    expect(reply.status).toBe('answered');
    expect(renderPlainText(reply)).toContain('2030');
  });
});

describe('spelling correction leaves real English words alone', () => {
  // Each familiar word is one edit from a word of the knowledge; a non-word misspelling of the same
  // knowledge word shows that correction is otherwise at work in the same sentence.
  it.each([
    ['shore', 'share', 'shaer', 'is there a {} of the revenue for microsoft'],
    ['clout', 'cloud', 'cluod', 'can openai use another {} provider'],
    ['lunch', 'launch', 'lanch', 'when was the {} of the new terms'],
    ['chance', 'change', 'chnage', 'did the {} affect customers'],
  ])('%j is not read as %j', (familiar, knowledgeWord, misspelling, template) => {
    const target = stemOf(knowledgeWord);
    const matchedTo = (word: string) =>
      engine
        .explain(template.replace('{}', word))
        .candidates.flatMap((candidate) => candidate.matches)
        .filter((match) => match.stem === stemOf(word) && match.word === target);

    expect(matchedTo(familiar)).toEqual([]);
    const corrected = matchedTo(misspelling);
    expect(corrected.length).toBeGreaterThan(0);
    for (const match of corrected) expect(match.similarity).toBeLessThan(1);
  });
});

describe('words that refer to the source frame a question, they are not its topic', () => {
  it('answers about datacenters, not about the record whose phrasing also asks what the article says', () => {
    expect(engine.ask('did the article talk about anything to do with datacenters?')).toMatchObject({ status: 'answered', id: 'silicon-and-datacenters' });
    expect(engine.ask('does the blog post say something about security?')).toMatchObject({ status: 'answered', id: 'cybersecurity' });
  });
});
