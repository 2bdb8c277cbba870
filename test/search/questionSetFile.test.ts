import { describe, expect, it } from 'vitest';
import { parseQuestionSet } from '../../src/evaluation/questionSet.ts';

const problemOf = (text: string) => {
  try {
    parseQuestionSet(text, 'set.jsonl');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the question set was accepted');
};

describe('a question set file', () => {
  it('names the line and the field of a bad question', () => {
    const text = '{"q": "can openai use aws?", "facts": [["aws"]]}\n{"q": 3, "facts": [["aws"]]}\n';
    expect(problemOf(text)).toMatch(/^set\.jsonl:2: q: .*expected string/);
  });

  it('names the field an answerable question lacks, and a misspelt one', () => {
    expect(problemOf('{"q": "can openai use aws?", "fact": [["aws"]]}')).toMatch(/^set\.jsonl:1: facts: .*expected array.*; Unrecognized key: "fact"/);
  });

  it('reads a line with "abstain" as an off-topic question, and names its wrong field', () => {
    expect(problemOf('{"q": "thanks!", "abstain": "yes"}')).toMatch(/^set\.jsonl:1: abstain: /);
  });
});
