import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseFormOf } from '../../src/text/wordForms.ts';

describe('baseFormOf', () => {
  it('maps irregular past tenses and participles to the verb', () => {
    const pairs: [string, string][] = [
      ['paid', 'pay'], ['sold', 'sell'], ['built', 'build'], ['ran', 'run'], ['went', 'go'], ['gone', 'go'],
      ['bought', 'buy'], ['made', 'make'], ['taken', 'take'], ['took', 'take'], ['began', 'begin'], ['begun', 'begin'],
      ['held', 'hold'], ['thought', 'think'], ['brought', 'bring'], ['written', 'write'], ['withdrew', 'withdraw'],
      ['laid', 'lay'], ['was', 'be'], ['were', 'be'], ['had', 'have'], ['did', 'do'],
    ];
    for (const [form, base] of pairs) expect(baseFormOf(form), form).toBe(base);
  });

  it('keeps the inflection readings that are far more common than the other meaning', () => {
    expect(baseFormOf('saw')).toBe('see');
    expect(baseFormOf('found')).toBe('find');
    expect(baseFormOf('left')).toBe('leave');
    expect(baseFormOf('felt')).toBe('feel');
  });

  it('maps irregular plurals to the singular', () => {
    expect(baseFormOf('children')).toBe('child');
    expect(baseFormOf('mice')).toBe('mouse');
    expect(baseFormOf('men')).toBe('man');
    expect(baseFormOf('criteria')).toBe('criterion');
    expect(baseFormOf('analyses')).toBe('analysis');
  });

  it('maps comparatives spelled from their base, not those of another word', () => {
    expect(baseFormOf('easier')).toBe('easy');
    expect(baseFormOf('earlier')).toBe('early');
    expect(baseFormOf('bigger')).toBe('big');
    for (const word of ['better', 'best', 'worse', 'worst']) expect(baseFormOf(word), word).toBe(word);
  });

  it('leaves forms that are words of their own unchanged', () => {
    for (const word of ['ground', 'data', 'lay', 'bit', 'wound', 'rent', 'leaves', 'lives', 'shot', 'bound', 'axes'])
      expect(baseFormOf(word), word).toBe(word);
  });

  it('leaves base forms, regular forms and unknown words unchanged', () => {
    for (const word of ['pay', 'go', 'child', 'payment', 'companies', 'paying', 'licensed', 'hyperscalers', 'openai', 'xyzzy', ''])
      expect(baseFormOf(word), word).toBe(word);
  });

  it('maps lowercase words only', () => {
    expect(baseFormOf('Paid')).toBe('Paid');
  });

  it('maps every form the data file lists, and leaves names of object properties alone', () => {
    const forms = Object.entries(JSON.parse(readFileSync(new URL('../../src/text/data/word-forms.json', import.meta.url), 'utf8')) as Record<string, string>);
    expect(forms.length).toBeGreaterThan(1000);
    expect(forms.filter(([form, base]) => baseFormOf(form) !== base)).toEqual([]);
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(baseFormOf(word), word).toBe(word);
  });
});
