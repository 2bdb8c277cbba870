import { describe, expect, it } from 'vitest';
import { stemOf } from '../../src/text/stem.ts';

describe('stemOf', () => {
  it('gives a word ending in a vowel and "y" the stem of its derived forms', () => {
    expect(stemOf('deploy')).toBe(stemOf('deployment'));
    expect(stemOf('deploys')).toBe(stemOf('deployments'));
    expect(stemOf('employ')).toBe(stemOf('employment'));
  });

  it('stems as Porter does otherwise', () => {
    expect(stemOf('licensing')).toBe('licens');
    expect(stemOf('companies')).toBe(stemOf('company'));
    expect(stemOf('sky')).toBe('sky');
  });
});
