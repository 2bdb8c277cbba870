import { describe, expect, it } from 'vitest';
import { Cooldowns, MemberAllowance } from '../../src/discord/cooldowns.ts';

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

  it('answers a reply to the bot inside the window from a small allowance, without restarting the window', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now, 2);
    cooldowns.start('a');
    time.advance(1200);
    for (let i = 0; i < 2; i++) {
      expect(cooldowns.decide('a', { followUp: true })).toBe('allow');
      cooldowns.start('a', { followUp: true });
    }
    // The window still ends when it would have: 5 s after the first answer.
    expect(cooldowns.remainingSeconds('a')).toBe(4);
    expect(cooldowns.decide('a', { followUp: true })).toBe('notify');
    expect(cooldowns.decide('a', { followUp: true })).toBe('silent');
    // A question that is no reply gets no allowance at all.
    const other = new Cooldowns(5, time.now, 2);
    other.start('b');
    expect(other.decide('b')).toBe('notify');
    // A new window brings a new allowance.
    time.advance(3800);
    expect(cooldowns.decide('a', { followUp: true })).toBe('allow');
    cooldowns.start('a', { followUp: true });
    expect(cooldowns.remainingSeconds('a')).toBe(5);
    expect(cooldowns.decide('a', { followUp: true })).toBe('allow');
  });

  it('answers at most 1 + the allowance per window, however fast a member replies to the bot', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now, 2);
    let answered = 0;
    // A reply every 100 ms for one minute: twelve windows.
    for (let sent = 0; sent < 600; sent++) {
      if (cooldowns.decide('a', { followUp: true }) === 'allow') {
        cooldowns.start('a', { followUp: true });
        answered++;
      }
      time.advance(100);
    }
    expect(answered).toBe(12 * 3);
  });
});

describe('cooldown memory', () => {
  it('keeps every running window when it clears the finished ones (at 10,000 members remembered)', () => {
    const time = clock();
    const cooldowns = new Cooldowns(5, time.now);
    for (let i = 0; i < 9_998; i++) cooldowns.start(`past-${i}`);
    time.advance(5000);
    cooldowns.start('running');
    time.advance(4000);
    // The 10,000th member starts a window: the finished windows are cleared, the running ones must stay.
    cooldowns.start('newest');
    expect(cooldowns.isCooling('running')).toBe(true);
    expect(cooldowns.decide('running')).toBe('notify');
    expect(cooldowns.isCooling('newest')).toBe(true);
    expect(cooldowns.isCooling('past-0')).toBe(false);
    expect(cooldowns.decide('past-0')).toBe('allow');
  });
});

describe('per-member allowance', () => {
  it('allows so many uses per window, then none until the window is over', () => {
    const time = clock();
    const allowance = new MemberAllowance(3, 60_000, time.now);
    expect([1, 2, 3, 4, 5].map(() => allowance.take('a'))).toEqual([true, true, true, false, false]);
    expect(allowance.take('b')).toBe(true);
    time.advance(59_999);
    expect(allowance.take('a')).toBe(false);
    time.advance(1);
    expect(allowance.take('a')).toBe(true);
  });

  it('lets one member use at most the limit per window however many times they try', () => {
    const time = clock();
    const allowance = new MemberAllowance(10, 3_600_000, time.now);
    let taken = 0;
    // A question every second for a day.
    for (let second = 0; second < 86_400; second++) {
      if (allowance.take('flooder')) taken++;
      time.advance(1000);
    }
    expect(taken).toBe(24 * 10);
  });

  it('remembers at most so many members, forgetting the oldest windows first', () => {
    const time = clock();
    const allowance = new MemberAllowance(1, 60_000, time.now, 100);
    for (let i = 0; i < 1000; i++) {
      expect(allowance.take(`member-${i}`)).toBe(true);
      time.advance(1);
    }
    expect(allowance.size).toBe(100);
    // The newest members are still held to their limit; the oldest were forgotten.
    expect(allowance.take('member-999')).toBe(false);
    expect(allowance.take('member-0')).toBe(true);
  });
});
