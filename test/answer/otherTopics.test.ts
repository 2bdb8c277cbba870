// A question about something no record mentions is not answered with a record about something else:
// neither through a word the question shares with no record ("pensioners" where the record is about
// students) nor through a sense a general lexicon guessed for one of its words ("weather" → "conditions").
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { renderExplanation } from '../../src/render/renderExplanation.ts';
import { microKnowledge } from '../support/microKnowledge.ts';
import { unstatedOf } from '../support/replies.ts';

const engine = createAnswerEngine(
  microKnowledge([
    {
      id: 'student-discount',
      question: 'What percentage discount do students get?',
      alternates: ['How much is the student discount on museum tickets?'],
      answer: 'Students get a 10% discount on every museum ticket.',
    },
    { id: 'opening-hours', question: 'When is the museum open?', alternates: ['What are the opening hours?'], answer: 'The museum opens at ten and closes at five.' },
    {
      id: 'outdoor-tours',
      question: 'Do the garden tours run in the rain?',
      alternates: ['What conditions cancel a garden tour?'],
      answer: 'Garden tours are cancelled when conditions are unsafe.',
    },
  ]),
);

describe('a group or thing no record mentions', () => {
  it('does not get the answer about the group every phrasing of a record names', () => {
    const reply = engine.ask('what percentage discount do pensioners get?');
    expect(reply.status).not.toBe('answered');
    expect(unstatedOf(reply)).toMatchObject({ kind: 'names', words: ['pensioners'] });
  });

  it('is shown when the answer is explained', () => {
    const [best] = engine.explain('what percentage discount do pensioners get?').candidates;
    expect(best).toMatchObject({ record: { id: 'student-discount' }, otherTopicWords: ['pensioners'] });
    expect(renderExplanation(engine.explain('what percentage discount do pensioners get?'))).toContain('the question names pensioners');
  });

  it('leaves the question about that group answered', () => {
    expect(engine.ask('what percentage discount do students get?')).toMatchObject({ status: 'answered', id: 'student-discount' });
    expect(engine.ask('how much is the student discount?')).toMatchObject({ status: 'answered', id: 'student-discount' });
  });

  it('does not hold back an answer for a new word beside every word the record is about', () => {
    expect(engine.ask('what percentage discount do students get on weekdays?')).toMatchObject({ status: 'answered', id: 'student-discount' });
  });
});

describe('a question sharing no word with the records', () => {
  it('gets nothing suggested when only a lexicon sense of its words reaches a record', () => {
    expect(engine.ask("what's the weather like?")).toMatchObject({ status: 'no_match' });
  });

  it('still gets the record when it shares a word with it', () => {
    expect(engine.ask('are garden tours cancelled in bad weather?')).toMatchObject({ status: 'answered', id: 'outdoor-tours' });
    expect(engine.ask('what conditions are good for a garden tour?')).toMatchObject({ status: 'answered', id: 'outdoor-tours' });
  });
});
