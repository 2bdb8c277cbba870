import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { createQueryTextPipeline } from '../../src/search/queryText.ts';
import { stopwords } from '../../src/search/stopwords.ts';

const text = createQueryTextPipeline({ 'google cloud': ['gcp', 'google cloud platform'], microsoft: ['msft'] });

/** The stems of a text's canonical form, as knowledge text is indexed. */
const stemsOfCanonical = (raw: string) =>
  text
    .canonical(raw)
    .split(' ')
    .filter((word) => word && !stopwords.has(word))
    .map((word) => stemmer(word));

describe('knowledge text tokens', () => {
  // Indexing works out most words once per distinct word; these are the texts where a word's
  // neighbours change what it becomes.
  it.each([
    ['plain words, an irregular form', 'Microsoft paid for the datacenters'],
    ['a synonym phrase', 'Is the Google Cloud Platform exclusive?'],
    ['the first word of a synonym phrase alone', 'Google is not the cloud'],
    ['a one-word synonym, plural', 'MSFTs licence'],
    ['chat filler', 'tbh the licence is fine'],
    ['a chat abbreviation that spans words', 'is the deal exclusive rn'],
    ['an elongated word', 'sooo many chips'],
    ['a passive', 'Is Microsoft still paid by OpenAI?'],
  ])('are those of the canonical text: %s', (_, raw) => {
    const tokens = text.tokens(raw);
    expect(tokens.map((token) => token.stem)).toEqual(stemsOfCanonical(raw));
    expect(tokens.map((token) => token.word)).toEqual(text.canonical(raw).split(' ').filter((word) => word && !stopwords.has(word)));
  });

  it('are the same the second time a word is seen', () => {
    expect(text.tokens('the cloud is google cloud')).toEqual(text.tokens('the cloud is google cloud'));
  });
});
