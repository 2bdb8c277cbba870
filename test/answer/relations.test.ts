import { describe, expect, it } from 'vitest';
import { directionOf, namesOfKnowledgeText, relationsOf } from '../../src/answer/relations.ts';
import { stemOf } from '../../src/text/stem.ts';

describe('names of a knowledge base', () => {
  it('are the words written capitalised inside a sentence, never a familiar word the knowledge also writes in lower case', () => {
    const names = namesOfKnowledgeText(['Does the ferry from Harbourton sail to Kelp Island?', 'Can I pay with Apple Pay?', 'Do I pay on board?']);
    expect([...names].sort()).toEqual(['apple', 'harbourton', 'island', 'kelp']);
  });

  it('leave out the first word of a sentence and stopwords', () => {
    expect([...namesOfKnowledgeText(['Does the ferry run? I think so.'])]).toEqual([]);
  });
});

describe('who acts on whom', () => {
  const names = new Set(['harbourton', 'kelpton']);

  it('is read between two names, with the words that say what is done', () => {
    expect(relationsOf(names, 'does harbourton still pay kelpton anything')).toEqual([{ agent: 'harbourton', patient: 'kelpton', verbs: [stemOf('pay')] }]);
  });

  it('is no relation when the names are only joined ("harbourton and kelpton")', () => {
    expect(relationsOf(names, 'what do harbourton and kelpton share')).toEqual([]);
    expect(relationsOf(names, 'is harbourton bigger than kelpton')).toEqual([]);
  });

  it('is the same, the opposite or unrelated by a verb in common', () => {
    const asked = relationsOf(names, 'does harbourton pay kelpton');
    expect(directionOf(asked, relationsOf(names, 'harbourton pay kelpton a fee'))).toBe('same');
    expect(directionOf(asked, relationsOf(names, 'kelpton pay harbourton a fee'))).toBe('opposite');
    expect(directionOf(asked, relationsOf(names, 'kelpton visit harbourton'))).toBe('none');
    // A record stating both directions states the one asked.
    expect(directionOf(asked, [...relationsOf(names, 'kelpton pay harbourton'), ...relationsOf(names, 'harbourton pay kelpton')])).toBe('same');
  });
});
