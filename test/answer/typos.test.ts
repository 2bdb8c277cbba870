// Typos, mentions and odd punctuation are read through; a real English word is never "corrected".
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { stemOf } from '../../src/text/stem.ts';
import { answerIdOf } from '../support/replies.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const engine = createAnswerEngine(
  microKnowledge([
    { id: 'ferry-share', question: 'Does Kelpton get a share of the ferry revenue?', answer: 'Kelpton gets a share of the ferry revenue through 2030.' },
    { id: 'bridge-change', question: 'Did the change to the bridge toll affect drivers?', answer: 'Drivers pay the new toll since the launch of the new terms.' },
    { id: 'cloud-forecast', question: 'Where do I find the cloud forecast for the harbour?', answer: 'The harbour office posts the cloud forecast every morning.' },
    { id: 'licence-term', question: 'When does the Harbourton fishing licence expire?', answer: 'A fishing licence runs until 2032.' },
    { id: 'licence-exclusive', question: 'Is the Harbourton fishing licence exclusive?', answer: 'The fishing licence is no longer exclusive: anyone may apply.' },
  ]),
);

describe('typos and mentions', () => {
  it('answers through mentions, typos and odd capitals', () => {
    expect(answerIdOf(engine.ask('<@!1234> wheN does the fishin licence expir??'))).toBe('licence-term');
    expect(answerIdOf(engine.ask('@FAQBot is the fishing license exclusiv'))).toBe('licence-exclusive');
  });

  it('does not read user text as Fuse extended-search syntax', () => {
    // Read as Fuse operators, "!licence" would exclude the records on the licence.
    expect(answerIdOf(engine.ask("'fishing !licence ^exclusive =harbourton | $"))).toBe('licence-exclusive');
    expect(answerIdOf(engine.ask('=when does the fishing licence expire$'))).toBe('licence-term');
  });
});

describe('spelling correction leaves real English words alone', () => {
  // Each familiar word is one edit from a word of the knowledge; a non-word misspelling of the same
  // knowledge word shows that correction is otherwise at work in the same sentence.
  it.each([
    ['shore', 'share', 'shaer', 'is there a {} of the ferry revenue for kelpton'],
    ['clout', 'cloud', 'cluod', 'where is the {} forecast posted'],
    ['lunch', 'launch', 'lanch', 'when was the {} of the new terms'],
    ['chance', 'change', 'chnage', 'did the {} affect drivers'],
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
