import { describe, expect, it } from 'vitest';
import { isQuestionSentence, separateQuestions, splitMessage } from '../../src/text/questionParts.ts';

describe('splitMessage', () => {
  it('keeps the question and puts the background before it in context', () => {
    expect(splitMessage('I work at a startup. We use Azure heavily. When does the license end?')).toEqual({
      questions: ['When does the license end?'],
      context: ['I work at a startup.', 'We use Azure heavily.'],
    });
  });

  it('ends a sentence at emoji, as chat does', () => {
    expect(splitMessage('doing a talk on this tomorrow 📊 what precedent does the article cite?')).toEqual({
      questions: ['what precedent does the article cite?'],
      context: ['doing a talk on this tomorrow'],
    });
  });

  it('keeps the question and puts the background after it in context', () => {
    expect(splitMessage('Can OpenAI use AWS now? I run a small fintech. Our stack is all on Azure.')).toEqual({
      questions: ['Can OpenAI use AWS now?'],
      context: ['I run a small fintech.', 'Our stack is all on Azure.'],
    });
  });

  it('reads a question word first as a question even without a question mark', () => {
    expect(splitMessage('I manage our cloud budget. is the license still exclusive')).toEqual({
      questions: ['is the license still exclusive'],
      context: ['I manage our cloud budget.'],
    });
  });

  it('treats someone else asking ("our CTO keeps asking whether…") as context, not a question', () => {
    expect(isQuestionSentence('Our CTO keeps asking whether the license is exclusive.')).toBe(false);
    expect(splitMessage('Our CTO keeps asking whether the license is exclusive. When does the license end?')).toEqual({
      questions: ['When does the license end?'],
      context: ['Our CTO keeps asking whether the license is exclusive.'],
    });
  });

  it('reads the asker\'s own "I\'m wondering whether…" as a question', () => {
    expect(isQuestionSentence("I'm wondering whether the license is exclusive.")).toBe(true);
    expect(splitMessage("I run a team of ten. I'm wondering whether the license is exclusive.")).toEqual({
      questions: ["I'm wondering whether the license is exclusive."],
      context: ['I run a team of ten.'],
    });
  });

  // Phones type the typographic apostrophe ("I’m"), which must read as the straight one.
  it('reads "I’m wondering whether…" with a typographic apostrophe as a question', () => {
    expect(isQuestionSentence('I’m wondering whether the license is exclusive.')).toBe(true);
    expect(splitMessage('I run a team of ten. I’m wondering whether the license is exclusive.')).toEqual({
      questions: ['I’m wondering whether the license is exclusive.'],
      context: ['I run a team of ten.'],
    });
  });

  it('keeps every sentence as the question when none reads as one', () => {
    expect(splitMessage('Tell me about the license terms. I run a team.')).toEqual({
      questions: ['Tell me about the license terms.', 'I run a team.'],
      context: [],
    });
  });

  it('keeps every sentence when all of them are questions', () => {
    expect(splitMessage('When does it end? Is it exclusive?')).toEqual({ questions: ['When does it end?', 'Is it exclusive?'], context: [] });
  });

  it('ignores a Discord mention when deciding whether a sentence asks', () => {
    expect(splitMessage('I use Azure. <@123456> can openai use aws')).toEqual({
      questions: ['<@123456> can openai use aws'],
      context: ['I use Azure.'],
    });
  });

  it('drops pieces with no letters or digits', () => {
    expect(splitMessage('... When does it end?')).toEqual({ questions: ['When does it end?'], context: [] });
  });
});

describe('separateQuestions', () => {
  const separate = (message: string) => separateQuestions(splitMessage(message));

  it('splits two questions joined by "and" before a question word', () => {
    expect(separate('when does the licence end and is it still exclusive?')).toEqual(['when does the licence end', 'is it still exclusive?']);
  });

  it('does not split "and" that joins two adjectives', () => {
    expect(separate('is azure cheaper and faster')).toEqual(['is azure cheaper and faster']);
  });

  it('keeps separate question sentences apart', () => {
    expect(separate('When does the license end? Can OpenAI use AWS now?')).toEqual(['When does the license end?', 'Can OpenAI use AWS now?']);
  });

  it('drops pieces of fewer than three words', () => {
    expect(separate('is it still exclusive and is it?')).toEqual(['is it still exclusive']);
    expect(separate('when does it end, and why?')).toEqual(['when does it end']);
  });

  it('splits on "or" before a question word, with a comma', () => {
    expect(separate('is the license exclusive, or does it cover other clouds?')).toEqual(['is the license exclusive', 'does it cover other clouds?']);
  });
});
