import { describe, expect, it } from 'vitest';
import { toActiveVoice } from '../../src/text/activeVoice.ts';
import { baseFormOf } from '../../src/text/wordForms.ts';

const active = (sentence: string) => toActiveVoice(sentence.split(' '), baseFormOf);

/** Each word appears, and in this order. */
function expectOrder(words: readonly string[], order: readonly string[]): void {
  const positions = order.map((word) => words.indexOf(word));
  for (const [i, position] of positions.entries()) expect(position, `"${order[i]}" in "${words.join(' ')}"`).toBeGreaterThanOrEqual(0);
  expect(positions, words.join(' ')).toEqual([...positions].sort((a, b) => a - b));
}

describe('toActiveVoice', () => {
  it('turns a passive question into the active one: who pays comes first', () => {
    const words = active('is microsoft still getting paid by openai');
    expectOrder(words, ['openai', 'pay', 'microsoft']);
    expect(words).not.toContain('by');
    expect(words).not.toContain('paid');
    expect(words).toContain('still');
  });

  it('turns a passive statement into the active one, keeping what follows the agent', () => {
    const words = active('the revenue share is paid by openai to microsoft');
    expectOrder(words, ['openai', 'pay', 'revenue', 'share', 'to', 'microsoft']);
    expect(words).not.toContain('by');
  });

  it('handles regular participles ending in "ed"', () => {
    const words = active('is openai owned by microsoft');
    expectOrder(words, ['microsoft', 'owned', 'openai']);
    expect(words).not.toContain('by');
  });

  it('keeps a question\'s "does" in front: "does kelpton get paid by harbourton"', () => {
    expect(active('does kelpton get paid by harbourton')).toEqual(['does', 'harbourton', 'pay', 'kelpton']);
  });

  it('leaves an active sentence unchanged', () => {
    expect(active('does openai still pay microsoft a revenue share')).toEqual(['does', 'openai', 'still', 'pay', 'microsoft', 'a', 'revenue', 'share']);
    expect(active('does microsoft pay openai')).toEqual(['does', 'microsoft', 'pay', 'openai']);
  });

  it('leaves "by 2030" alone: a date is not an agent', () => {
    expect(active('will the revenue share be paid by 2030')).toEqual(['will', 'the', 'revenue', 'share', 'be', 'paid', 'by', '2030']);
    expect(active('is the license exclusive by 2030')).toEqual(['is', 'the', 'license', 'exclusive', 'by', '2030']);
  });

  it('leaves a participle with no auxiliary alone', () => {
    expect(active('microsoft paid by openai')).toEqual(['microsoft', 'paid', 'by', 'openai']);
  });

  it('leaves "by" after a word that is not a participle alone', () => {
    expect(active('is the office by the river')).toEqual(['is', 'the', 'office', 'by', 'the', 'river']);
  });

  it('does not change the words it was given', () => {
    const words = ['is', 'microsoft', 'paid', 'by', 'openai'];
    toActiveVoice(words, baseFormOf);
    expect(words).toEqual(['is', 'microsoft', 'paid', 'by', 'openai']);
  });

  // The word before "by" is "share", not the participle: read wrongly, OpenAI would be the payer.
  it('turns a passive with an object ("paid a revenue share by microsoft") into the active one', () => {
    expectOrder(active('is openai still paid a revenue share by microsoft'), ['microsoft', 'pay', 'openai']);
  });
});
