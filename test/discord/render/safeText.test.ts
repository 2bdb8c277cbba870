import { describe, expect, it } from 'vitest';
import { joinWithin, truncate } from '../../../src/discord/render/safeText.ts';

const loneSurrogate = /\p{Cs}/u;

describe('truncate', () => {
  it('leaves text that fits untouched, up to exactly the limit', () => {
    expect(truncate('short', 80)).toBe('short');
    expect(truncate('x'.repeat(80), 80)).toBe('x'.repeat(80));
  });

  it('cuts longer text to the limit and ends it with an ellipsis', () => {
    const cut = truncate('Is Microsoft still OpenAI’s primary cloud partner after the amendment?', 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.startsWith('Is Microsoft still')).toBe(true);
  });

  it('never splits a surrogate pair, at any cut length', () => {
    const text = 'a😀b🇫🇷c👩‍💻d é 𝒳𝒴𝒵 done';
    for (let max = 0; max <= text.length; max += 1) {
      const cut = truncate(text, max);
      expect(cut.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(loneSurrogate.test(cut), `max ${max}: ${cut}`).toBe(false);
    }
  });

  it('keeps flags and combined emoji whole', () => {
    expect(truncate('🇫🇷🇩🇪', 5)).toBe('🇫🇷…');
    expect(truncate('😀😀😀😀', 6)).toBe('😀😀…');
  });

  it('handles the smallest limits', () => {
    expect(truncate('hello', 1)).toBe('…');
    expect(truncate('hello', 0)).toBe('');
  });

  it('escapes nothing: markdown and mentions pass through as written', () => {
    const text = '**Yes.** @everyone <@123> <@&456> `code` > quote';
    expect(truncate(text, 100)).toBe(text);
  });
});

describe('joinWithin', () => {
  const more = (count: number) => `…and ${count} more`;

  it('joins every line when they fit', () => {
    expect(joinWithin(['a', 'b'], 10, more)).toBe('a\nb');
  });

  it('drops whole lines from the end and says how many', () => {
    const lines = ['first line', 'second line', 'third line'];
    const joined = joinWithin(lines, 30, more);
    expect(joined).toBe('first line\n…and 2 more');
    expect(joined.length).toBeLessThanOrEqual(30);
  });

  it('uses the separator it is given', () => {
    expect(joinWithin(['a', 'b', 'c'], 100, more, '\n\n')).toBe('a\n\nb\n\nc');
  });
});
