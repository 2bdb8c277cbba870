import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldowns.ts';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('per-member cooldown', () => {
  it('lets a member ask, then gives one notice within the window, then silence', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now);
    expect(cooldowns.check('a')).toBe('allow');
    expect(cooldowns.check('a')).toBe('notify');
    expect(cooldowns.check('a')).toBe('silent');
    expect(cooldowns.check('b')).toBe('allow');
    expect(cooldowns.remainingSeconds('a')).toBe(5);
    time.advance(5000);
    expect(cooldowns.check('a')).toBe('allow');
    expect(cooldowns.check('a')).toBe('notify');
  });

  it('decides without starting a window: only `start` does, so unanswered messages cost no wait', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now);
    expect(cooldowns.decide('a')).toBe('allow');
    expect(cooldowns.decide('a')).toBe('allow');
    expect(cooldowns.isCooling('a')).toBe(false);
    cooldowns.start('a');
    expect(cooldowns.isCooling('a')).toBe(true);
    expect(cooldowns.decide('a')).toBe('notify');
    time.advance(4999);
    expect(cooldowns.isCooling('a')).toBe(true);
    time.advance(1);
    expect(cooldowns.isCooling('a')).toBe(false);
  });

  it('is off at 0 seconds', () => {
    const cooldowns = new Cooldowns(0);
    cooldowns.start('a');
    expect(cooldowns.isCooling('a')).toBe(false);
    expect(cooldowns.check('a')).toBe('allow');
    expect(cooldowns.check('a')).toBe('allow');
  });
});
