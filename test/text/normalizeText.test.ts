import { describe, expect, it } from 'vitest';
import { buildSynonymMap, maxQuestionLength, normalizeText } from '../../src/text/normalizeText.ts';

describe('normalizeText', () => {
  it('removes Discord mentions, channel links, custom emoji and @names', () => {
    expect(normalizeText('<@123456789> <@!42> <@&7> <#99> <:pepe:123> <a:dance:456> @FAQBot can OpenAI use AWS?')).toBe('can openai use aws');
  });

  it('removes links and unicode emoji, folds case, accents and whitespace', () => {
    expect(normalizeText('  CAN   OpenAI 🚀🔥 use\tAWS??? https://example.com/x?y=1  www.test.org Café ')).toBe('can openai use aws cafe');
  });

  it('keeps the meaning of contractions and drops possessive s', () => {
    expect(normalizeText("what's Microsoft's licence? can't stop, won't stop, doesn't")).toBe(
      'what is microsoft licence cannot stop will not stop does not',
    );
    expect(normalizeText("why'd they've we're")).toBe('why they we');
  });

  it('splits hyphenated words the same way everywhere', () => {
    expect(normalizeText('non-exclusive multi-cloud lock-in')).toBe('non exclusive multi cloud lock in');
  });

  it('reads arrows as "to", the way the comparison table names directions', () => {
    expect(normalizeText('msft -> openai, OpenAI → Microsoft, a=>b')).toBe('msft to openai openai to microsoft a to b');
  });

  it('treats extended-search operators as plain punctuation', () => {
    expect(normalizeText("=exact ^prefix !not 'quoted' a|b suffix$")).toBe('exact prefix not quoted a b suffix');
  });

  it(`cuts questions longer than ${maxQuestionLength} characters`, () => {
    const long = `${'word '.repeat(2000)}tail`;
    const normalized = normalizeText(long);
    expect(normalized.length).toBeLessThanOrEqual(maxQuestionLength);
    expect(normalized.endsWith('tail')).toBe(false);
  });
});

describe('synonyms', () => {
  const synonyms = buildSynonymMap({ microsoft: ['msft'], 'google cloud': ['gcp', 'google cloud platform'], aws: ['amazon web services'] });

  it('rewrites single and multi-word variants to the canonical word, longest first', () => {
    expect(synonyms.rewrite('can msft use google cloud platform or amazon web services')).toBe('can microsoft use google cloud or aws');
    expect(synonyms.rewrite('gcp')).toBe('google cloud');
  });

  it('matches whole words only', () => {
    expect(synonyms.rewrite('msftx gcpx')).toBe('msftx gcpx');
  });

  it('reads a plural or an apostrophe-less possessive of a one-word variant', () => {
    expect(synonyms.rewrite('msfts license')).toBe('microsoft license');
    expect(synonyms.rewrite('gcps')).toBe('google cloud');
  });
  it('reads a percent sign as the word, so "20%" and "20 percent" match', () => {
    expect(normalizeText('Is it 20% or 20 %?')).toBe('is it 20 percent or 20 percent');
  });
});
