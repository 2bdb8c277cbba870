// Words that point at the source ("does the article mention…", "the blog post") frame a question:
// the topic is what follows them, not a record whose phrasing also asks what the source says.
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const engine = createAnswerEngine(
  microKnowledge([
    { id: 'datacenters', question: 'Will datacenters be built by the harbour?', answer: 'Two datacenters will be built by the harbour.' },
    { id: 'harbour-security', question: 'Who looks after security at the harbour?', answer: 'A new patrol looks after security at the harbour.' },
    { id: 'announcement', question: 'What did the town announcement say?', alternates: ['What is discussed in the announcement?', 'Does the article mention anything new?'], answer: 'It covers the ferry, the bridge and the harbour.' },
  ]),
);

describe('words that refer to the source', () => {
  it.each([
    ['does the article mention anything about datacenters being built?', 'datacenters'],
    ['did the article talk about anything to do with datacenters at the harbour?', 'datacenters'],
    ['does the blog post say something about harbour security?', 'harbour-security'],
  ])('leave %j to the record on its topic', (question, id) => {
    expect(engine.ask(question)).toMatchObject({ status: 'answered', id });
  });

  it('still find the record on what the source says when that is the question', () => {
    expect(engine.ask('what did the announcement say?')).toMatchObject({ status: 'answered', id: 'announcement' });
  });
});
