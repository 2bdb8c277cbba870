import { describe, expect, it } from 'vitest';
import { askHeldOutPhrasings } from '../../src/answer/heldOutPhrasings.ts';
import { microKnowledge, type MicroRecord } from '../support/microKnowledge.ts';

const library: MicroRecord = {
  id: 'library-hours',
  question: 'When is the Harbourton library open?',
  alternates: ['What are the library opening hours?', 'Is the library open on Sunday?'],
  answer: 'The library opens at nine and closes at six, Sundays too.',
};
const fares = (related: string[] = []): MicroRecord => ({
  id: 'ferry-fares',
  question: 'How much is a ferry ticket?',
  alternates: ['What does a ferry ticket cost?', 'What is the price of the ferry?'],
  answer: 'A single crossing costs 4 dollars.',
  related,
});
// A moderator filed a question about the fare under the timetable.
const times = (related: string[] = []): MicroRecord => ({
  id: 'ferry-times',
  question: 'When does the Harbourton ferry leave?',
  alternates: ['What time is the first ferry?', 'How much does a ferry ticket cost?'],
  answer: 'The ferry leaves Harbourton at 8 and at 17.',
  related,
});

describe('askHeldOutPhrasings', () => {
  it('asks every phrasing with itself left out and finds the one filed under the wrong record', () => {
    const report = askHeldOutPhrasings(microKnowledge([times(), fares(), library]));
    expect(report.asked).toBe(9);
    expect(report.rounds).toBe(3);
    expect(report.confusions).toContainEqual({ record: 'ferry-times', phrasing: 'How much does a ferry ticket cost?', answeredWith: 'faq:ferry-fares', related: false });
    expect(report.wrong).toBe(report.confusions.length);
    expect(report.right + report.related + report.wrong + report.unsure).toBe(report.asked);
    expect(report.right).toBeGreaterThanOrEqual(5);
  });

  it('counts a confusion between records listed as related apart from a wrong answer', () => {
    const report = askHeldOutPhrasings(microKnowledge([times(['ferry-fares']), fares(['ferry-times']), library]));
    expect(report.confusions).toContainEqual(expect.objectContaining({ record: 'ferry-times', answeredWith: 'faq:ferry-fares', related: true }));
    expect(report.related).toBeGreaterThanOrEqual(1);
    expect(report.wrong).toBe(0);
  });

  it('finds no confusion where every phrasing says what its own record is about', () => {
    const report = askHeldOutPhrasings(microKnowledge([{ ...times(), alternates: ['What time is the first ferry?'] }, fares(), library]));
    expect(report.confusions).toEqual([]);
    expect(report.right).toBeGreaterThan(0);
  });

  it('leaves a record of a single phrasing out, and stops after maxRounds', () => {
    const single: MicroRecord = { id: 'lost-property', question: 'Where do I report lost property?', answer: 'At the town hall desk.' };
    const report = askHeldOutPhrasings(microKnowledge([times(), fares(), library, single]), { maxRounds: 1 });
    expect(report.rounds).toBe(1);
    expect(report.asked).toBe(3);
  });
});
