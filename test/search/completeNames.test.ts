import { describe, expect, it } from 'vitest';
import type { FaqRecord, Knowledge } from '../../src/knowledge/schema.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { runToEnd } from '../../src/search/buildSteps.ts';
import { completeNames, maxChoices, nameablesOf, nameCompleterSteps } from '../../src/search/completeNames.ts';

// Names as the engine makes them from records: a title and its other phrasings.
const names = [
  ...nameablesOf('revenue-share', 'What is a revenue share?', ['How is revenue split?']),
  ...nameablesOf('revenue-booking', 'When is revenue booked?', []),
  ...nameablesOf('review', 'When is the review due?', []),
  ...nameablesOf('venus', 'Venus transit dates', []),
];
const completer = runToEnd(nameCompleterSteps(names));
const offered = (typed: string) => completer.complete(typed).map((choice) => choice.value);

describe('autocomplete with a slip in what was typed', () => {
  it('finds "revenue" for "revnue" only through the typo tier, closest name first', () => {
    // The spelled tiers (equal, starting with, containing) offer nothing for it…
    expect(completeNames(names, 'revnue')).toEqual([]);
    // …the typo tier offers both records with the word, under their titles.
    expect(completer.complete('revnue')).toEqual([
      { name: 'What is a revenue share?', value: 'revenue-share' },
      { name: 'When is revenue booked?', value: 'revenue-booking' },
    ]);
    // A swap, a missing or a wrong letter, in a partly typed word.
    for (const typed of ['rveenue', 'revnu', 'rebenu']) expect(offered(typed)).toEqual(['revenue-share', 'revenue-booking']);
  });

  it('offers spelled matches first, then slips', () => {
    // "venue" is in "revenue" (the containing tier), and one letter from "venus" (the typo tier).
    expect(offered('venue')).toEqual(['revenue-share', 'revenue-booking', 'venus']);
  });

  it('adds no slips to a word some name starts with: "revi" is the start of "review", not a slip for "revenue"', () => {
    expect(offered('revi')).toEqual(['review']);
    expect(offered('When is the review due?')).toEqual(['review']);
  });

  it('keeps to the records that also hold the other typed words', () => {
    expect(offered('revnue split')).toEqual(['revenue-share']);
    expect(completer.complete('how is revnue')).toEqual([{ name: 'How is revenue split? — What is a revenue share?', value: 'revenue-share' }]);
    expect(offered('revnue shipping')).toEqual([]);
  });

  it('looks at no slip in a word under four letters: too many words are one letter from it', () => {
    expect(offered('rev')).toEqual(['revenue-share', 'revenue-booking', 'review']);
    expect(offered('rvw')).toEqual([]);
  });

  it('offers each record once, and no more than Discord allows', () => {
    const many = runToEnd(nameCompleterSteps(Array.from({ length: 40 }, (_, i) => nameablesOf(`item-${i}`, `Revenue item ${i}`, [`Revenue line ${i}`])).flat()));
    const choices = many.complete('revnue');
    expect(choices).toHaveLength(maxChoices);
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(maxChoices);
    expect(choices[0]).toEqual({ name: 'Revenue item 0', value: 'item-0' });
  });
});

describe("the engine's autocomplete", () => {
  const faq = (id: string, question: string): FaqRecord => ({ id, question, alternates: [], answer: `About ${question}`, sources: ['handbook'], related: [] });
  const knowledge: Knowledge = {
    about: { topic: null, example: 'What is a revenue share?' },
    sources: [{ id: 'handbook', title: 'A handbook' }],
    faq: [faq('revenue-share', 'What is a revenue share?'), faq('review-date', 'When is the review due?')],
    terms: [{ id: 'revenue', term: 'Revenue', aliases: [], definition: 'Money earned.', sources: ['handbook'] }],
    table: {
      id: 'plans',
      title: 'Plans',
      columns: ['Feature', 'Plan'],
      rows: [
        { feature: 'Revenue share', aliases: [], cells: ['Half'] },
        { feature: 'Hosting', aliases: [], cells: ['Shared'] },
      ],
      triggers: ['compare the plans'],
      sources: ['handbook'],
    },
    synonyms: {},
    concepts: {},
  };
  const engine = createAnswerEngine(knowledge);

  it('offers FAQ questions, terms and table rows for a mistyped partial word', () => {
    expect(engine.complete('faq', 'revnu').map((choice) => choice.value)).toEqual(['revenue-share']);
    expect(engine.complete('term', 'revnu').map((choice) => choice.value)).toEqual(['revenue']);
    expect(engine.complete('row', 'revnu').map((choice) => choice.value)).toEqual(['Revenue share']);
    expect(engine.complete('row', 'hostnig').map((choice) => choice.value)).toEqual(['Hosting']);
  });
});
