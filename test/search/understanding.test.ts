import { fileURLToPath } from 'node:url';
import { stemOf } from '../../src/text/stem.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { renderPlainText, stripMarkdown } from '../../src/render/renderPlainText.ts';
import type { RecordRef } from '../../src/reply/replyModel.ts';
import { createAnswerEngine, type AnswerEngine } from '../../src/answer/answerEngine.ts';
import { answerIdOf, suggested, unstatedOf } from '../support/replies.ts';

let engine: AnswerEngine;

beforeAll(async () => {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('bundled knowledge must be valid');
  engine = createAnswerEngine(result.knowledge);
});

let library: AnswerEngine | undefined;
/** The engine over the second-topic knowledge (a library's new lending rules). */
async function libraryEngine(): Promise<AnswerEngine> {
  if (library) return library;
  const loaded = await loadKnowledge(fileURLToPath(new URL('../fixtures/second-topic/knowledge', import.meta.url)));
  if (!loaded.ok) throw new Error('the second-topic knowledge must be valid');
  library = createAnswerEngine(loaded.knowledge);
  return library;
}

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

describe('questions that ask for a percentage', () => {
  it('are not answered by a record that names no percentage', () => {
    // The article says the payments stay "at the same percentage", never which one.
    expect(engine.ask('what exact percentage of its revenue does openai pay microsoft?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'percentage' } });
    expect(engine.ask("what's the exact % openai pays msft?")).toMatchObject({ status: 'suggestions', unstated: { kind: 'percentage' } });
  });

  it('are answered when they ask about the percentage rather than for it', () => {
    expect(engine.ask('will the percentage openai pays microsoft change?')).toMatchObject({ status: 'answered', id: 'openai-revenue-share-capped' });
  });
});

describe('questions that ask for an amount by name', () => {
  it('are not answered by a record whose only figures are years', () => {
    // The article never says how large the cap is; the record says "through 2030".
    expect(engine.ask("how much money is the cap on openai's payments to microsoft?")).toMatchObject({ status: 'suggestions', unstated: { kind: 'amount' } });
    expect(engine.ask('what exact figure is the revenue share cap?')).toMatchObject({ status: 'suggestions' });
  });

  it('leave "how much" and "how many years" to records that answer them in words or dates', () => {
    expect(engine.ask('how much does openai still pay microsoft?')).toMatchObject({ status: 'answered', id: 'openai-revenue-share-capped' });
    expect(engine.ask('how many years does microsoft keep the ip license?')).toMatchObject({ status: 'answered', id: 'ip-license-term' });
  });
});

describe('questions that ask which of two alternatives is better or cheaper', () => {
  it('are not answered by a record that names both but judges neither', () => {
    // The any-cloud record names Azure, AWS and Google Cloud; the article never compares them.
    expect(engine.ask('is azure better than google cloud?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment' } });
    expect(engine.ask('is google cloud cheaper than aws for running openai models?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment' } });
    expect(engine.ask('which cloud is faster for gpt, azure or aws?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment' } });
  });

  it('leave alternatives asked without a judgment, and advice on what to do, alone', () => {
    expect(engine.ask('can openai run its models on aws or google cloud now?')).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    expect(engine.ask('which is the best way to compare old and new terms?')).toMatchObject({ status: 'answered', id: 'partnership-terms' });
  });

  it('answer "is it / would it be better to… X or Y?" as advice: the record on each option answers it', () => {
    expect(engine.ask('is it better to use azure or aws for openai models?')).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    expect(engine.ask('would it be better to run openai models on azure or aws?')).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    // The same alternatives asked as a judgment stay unanswered.
    expect(engine.ask('is azure better than aws for openai models?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment' } });
  });

  it('are answered about prices by a record that states them', async () => {
    expect((await libraryEngine()).ask('is a dvd late fee cheaper than a video game late fee?')).toMatchObject({ status: 'answered', id: 'dvd-late-fees' });
  });
});

describe('saying what the sources do not state', () => {
  it('names it in the reply instead of a plain "did you mean"', () => {
    expect(engine.ask('what exact percentage does openai pay microsoft?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'percentage' } });
    expect(renderPlainText(engine.ask('is aws down rn'))).toMatch(/^I can't tell whether it works right now: the sources don't cover outages\. The closest questions I can answer:\n {2}1\. /);
    expect(engine.ask('revenue share?')).toMatchObject({ status: 'suggestions', unstated: null });
  });

  it('claims nothing about the sources when a record offered does state it', async () => {
    const loaded = await loadKnowledge(bundledKnowledgeDir);
    if (!loaded.ok) throw new Error('bundled knowledge must be valid');
    // A record made up for this test only: the article states no percentage.
    const resellers = { id: 'reseller-share', question: 'What percentage of revenue do resellers pay OpenAI?', alternates: [], answer: 'Resellers pay OpenAI 20 percent of their revenue.', sources: ['article'], related: [] };
    const reply = suggested(createAnswerEngine({ ...loaded.knowledge, faq: [...loaded.knowledge.faq, resellers] }).ask('what percentage of revenue does openai pay microsoft?'));
    expect(reply).toMatchObject({ status: 'suggestions', unstated: null });
    expect(reply.suggestions.map((ref) => ref.id)).toContain('reseller-share');
  });

  it('names the names no record mentions, but no drawn-out chat word, short slang or typo', () => {
    expect(unstatedOf(engine.ask('what deal does anthropic have with aws?'))).toMatchObject({ kind: 'names', words: ['anthropic'] });
    expect(unstatedOf(engine.ask('lmaooo whaaat'))).toBeNull();
    expect(unstatedOf(engine.ask('wat abt hte cloud thing'))).toBeNull();
    // A misspelt knowledge word is corrected, not reported as unknown.
    expect(unstatedOf(engine.ask('is microsfot still a sharehodler of openai?'))).toBeNull();
  });
});

describe('explaining what a question asks for', () => {
  it('names it, and the candidates that do not state it', () => {
    const explanation = engine.explain('what exact percentage does openai pay microsoft?');
    expect(explanation.asksFor).toEqual(['a percentage']);
    expect(explanation.candidates[0]).toMatchObject({ record: { id: 'openai-revenue-share-capped' }, statesWhatIsAsked: false });
    expect(engine.explain('does openai still pay microsoft?')).toMatchObject({ asksFor: [] });
    expect(engine.explain('does openai still pay microsoft?').candidates.every((candidate) => candidate.statesWhatIsAsked)).toBe(true);
  });
});

describe('questions whether a service works right now', () => {
  it('are not answered by a record about the service that speaks of no outage', () => {
    expect(engine.ask('is aws down rn')).toMatchObject({ status: 'suggestions', unstated: { kind: 'status' } });
    expect(engine.ask('is aws not working for anyone?')).toMatchObject({ status: 'suggestions', unstated: { kind: 'status' } });
  });

  it('leave questions about what a service may do alone', () => {
    expect(engine.ask('can openai use aws now?')).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
  });
});

describe('words that refer to the source frame a question, they are not its topic', () => {
  it('answers about datacenters, not about the record whose phrasing also asks what the article says', () => {
    expect(engine.ask('did the article talk about anything to do with datacenters?')).toMatchObject({ status: 'answered', id: 'silicon-and-datacenters' });
    expect(engine.ask('does the blog post say something about security?')).toMatchObject({ status: 'answered', id: 'cybersecurity' });
  });
});
