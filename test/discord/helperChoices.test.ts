import { beforeAll, describe, expect, it } from 'vitest';
import { helperChoices } from '../../commands/answerWithFaq.ts';
import { otherCandidates } from '../../src/discord/feedback/otherCandidates.ts';
import type { AnswerEngine } from '../../src/answer/answerEngine.ts';
import { loadBundledEngine } from './render/replyFixtures.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadBundledEngine();
});

describe('what Apps → Answer with FAQ offers for a message', () => {
  it.each(['lol nice weather today', 'thanks, that helped!', 'brb', 'good morning everyone'])('offers no record for the chatter %j', (message) => {
    expect(helperChoices(engine, message)).toEqual({ kind: 'nothing' });
  });

  it("offers the engine's answer first for a question it answers", () => {
    const choices = helperChoices(engine, 'hey when does the microsoft ip license run out');
    expect(choices).toMatchObject({ kind: 'records', close: false });
    expect(choices.kind === 'records' && choices.records[0]?.id).toBe('ip-license-term');
  });

  it('offers the closest records for a question it has no answer for, saying that none matches well', () => {
    const question = 'what is the meaning of life?';
    expect(engine.ask(question).status).toBe('no_match');
    const choices = helperChoices(engine, question);
    expect(choices).toMatchObject({ kind: 'records', close: true });
    expect(choices.kind === 'records' && choices.records.length).toBeGreaterThan(0);
  });
});

describe('what "Not helpful" offers instead', () => {
  it('is the other records the engine weighed, best first, never the answer given, each once, at most four', () => {
    const question = 'can openai use aws?';
    const answer = engine.ask(question);
    expect(answer).toMatchObject({ status: 'answered', id: 'any-cloud-provider' });
    const weighed = engine.explain(question).candidates.map((candidate) => `${candidate.record.kind}:${candidate.record.id}`);
    const others = otherCandidates(engine, question, { kind: 'faq', id: 'any-cloud-provider' }).map((ref) => `${ref.kind}:${ref.id}`);
    expect(others).not.toContain('faq:any-cloud-provider');
    expect(new Set(others).size).toBe(others.length);
    expect(others).toEqual([...new Set(weighed)].filter((key) => key !== 'faq:any-cloud-provider').slice(0, 4));
    expect(others).toHaveLength(4);
    expect(otherCandidates(engine, question, { kind: 'faq', id: 'any-cloud-provider' }, 2)).toHaveLength(2);
  });
});
