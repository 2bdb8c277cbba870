// The decide stage with the sentence encoder's neighbours: the fused policy decides when they are
// given, the lexical thresholds when not. Inline micro-knowledge; neighbours written by hand (the
// encoder itself is exercised in test/meaning and test/app).
import { describe, expect, it } from 'vitest';
import { fusedPolicy } from '../../src/answer/fusedPolicy.ts';
import type { DecisionPolicy } from '../../src/answer/decisionPolicy.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { loadDecisionModel } from '../../src/meaning/fusedDecision.ts';
import type { MeaningMatch } from '../../src/meaning/phrasingIndex.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { meaningEngineOptions } from '../../src/app/meaning.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const knowledge: Knowledge = {
  about: { topic: 'a small company', example: 'When is the office open?' },
  sources: [{ id: 'memo', title: 'Company memo' }],
  faq: [
    { id: 'office-hours', question: 'When is the office open?', alternates: ['What are the opening hours of the office?'], answer: 'From nine to five.', sources: ['memo'], related: [] },
    { id: 'cloud-choice', question: 'Can the company run its services on any cloud provider?', alternates: ['Is the company tied to a single cloud?'], answer: 'On any cloud.', sources: ['memo'], related: [] },
    { id: 'revenue-share', question: 'Does the company pay a share of its revenue to its partner?', alternates: ['How much of its income goes to the partner?'], answer: 'A share, until a date.', sources: ['memo'], related: [] },
  ],
  terms: [],
  table: { id: 'plans', title: 'Old and new plans', columns: ['Feature', 'Old', 'New'], rows: [{ feature: 'Price', aliases: [], cells: ['High', 'Low'] }], triggers: ['compare the plans'], sources: ['memo'] },
  synonyms: {},
  concepts: {},
};

/** The encoder's answer, closest first: `[key, similarity, classifier's probability]`. */
function neighbours(...closest: readonly [string, number, number?][]): MeaningMatch[] {
  const byProbability = [...closest].sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0)).map(([key]) => key);
  return closest.map(([key, similarity, probability = 0], at) => ({
    key,
    similarity,
    closest: similarity,
    centroid: similarity,
    phrasing: '',
    rank: at + 1,
    classifierProbability: probability,
    classifierRank: probability > 0 ? byProbability.indexOf(key) + 1 : 0,
    neighbor: 0.5,
  }));
}

/** A policy that answers with whatever the encoder put first: shows which policy `decide` asked. */
const encoderFirst: DecisionPolicy = {
  name: 'encoder first',
  scale: 'probability',
  rank: (candidates) =>
    [...candidates].filter((c) => c.features.meaning).sort((a, b) => a.features.meaning!.rank - b.features.meaning!.rank).map((candidate) => ({ candidate, confidence: 1 })),
  judge: (ranked) => ({ action: ranked.length > 0 ? 'answer' : 'nothing', suggested: ranked, reason: 'the encoder\u2019s first' }),
};

describe('the decision with the encoder\'s neighbours', () => {
  const question = 'what time do you open in the morning?';

  it('is the meaning policy\'s when neighbours are given, the lexical one\'s otherwise', () => {
    const lexicalOnly = createAnswerEngine(knowledge);
    const engine = createAnswerEngine(knowledge, { meaningPolicy: encoderFirst });
    const near = neighbours(['faq:revenue-share', 0.7], ['faq:office-hours', 0.5]);
    expect(engine.ask(question)).toEqual(lexicalOnly.ask(question));
    expect(engine.explain(question).policy).toBe('lexical');
    expect(engine.explain(question, { meaning: near }).policy).toBe('encoder first');
    expect(engine.ask(question, { meaning: near })).toMatchObject({ status: 'answered', id: 'revenue-share' });
  });

  it('asks the encoder for as many records as the fitted model reads', () => {
    const model = loadDecisionModel();
    const engine = createAnswerEngine(knowledge, meaningEngineOptions(model));
    expect(engine.read(question).meaningQuery).toMatchObject({ limit: model.meaningLimit });
    expect(createAnswerEngine(knowledge).read('thanks!').meaningQuery).toBeNull();
    // Chat stays chat, whatever neighbours a caller passes.
    expect(engine.ask('thanks!', { meaning: neighbours(['faq:office-hours', 0.9, 0.9]) }).status).toBe('chat');
  });
});

describe('the fused policy of the shipped model', () => {
  const model = loadDecisionModel();
  const engine = createAnswerEngine(knowledge, { meaningPolicy: fusedPolicy(model) });
  const lexicalOnly = createAnswerEngine(knowledge);

  it('answers what the words alone only suggest when the encoder and its classifier are sure', () => {
    const question = 'what time do you open in the morning?';
    expect(lexicalOnly.ask(question).status).toBe('suggestions');
    const near = neighbours(['faq:office-hours', 0.8, 0.9], ['faq:cloud-choice', 0.3, 0.05], ['faq:revenue-share', 0.2, 0.05]);
    expect(engine.ask(question, { meaning: near })).toMatchObject({ status: 'answered', id: 'office-hours' });
  });

  it('keeps the lexical answer, less sure, when the encoder leans elsewhere without contradicting it', () => {
    const question = 'when is the office open?';
    expect(lexicalOnly.ask(question)).toMatchObject({ status: 'answered', id: 'office-hours' });
    const leaningElsewhere = { meaning: neighbours(['faq:revenue-share', 0.6, 0.7], ['faq:cloud-choice', 0.3, 0.2], ['faq:office-hours', 0.2, 0.1]) };
    const reply = engine.ask(question, leaningElsewhere);
    if (reply.status !== 'answered') throw new Error(`not answered: ${reply.status}`);
    expect(reply.id).toBe('office-hours');
    expect(reply.confidence).toMatchObject({ scale: 'probability' });
    expect(reply.confidence.value).toBeGreaterThanOrEqual(model.keepLexicalAt);
    // It is the lexical answer kept, not the model's first: with a bar just above it, it is not answered.
    const stricter = createAnswerEngine(knowledge, { meaningPolicy: fusedPolicy({ ...model, keepLexicalAt: reply.confidence.value + 0.001 }) });
    expect(stricter.ask(question, leaningElsewhere).status).not.toBe('answered');
  });

  it('answers when both signals put the same record first, far ahead of the rest', () => {
    const reply = engine.ask('when is the office open?', { meaning: neighbours(['faq:office-hours', 0.95], ['faq:cloud-choice', 0.2], ['faq:revenue-share', 0.15]) });
    expect(reply).toMatchObject({ status: 'answered', id: 'office-hours' });
    expect(engine.explain('when is the office open?', { meaning: neighbours(['faq:office-hours', 0.95]) }).policy).toBe('fused');
  });

  it('keeps offering what the words alone suggest when the encoder is unsure', () => {
    const question = 'what time do you open in the morning?';
    const lexical = lexicalOnly.ask(question);
    if (lexical.status !== 'suggestions') throw new Error(`the words alone should only suggest: ${lexical.status}`);
    // The encoder finds nothing close: the fused model alone would say nothing at all.
    const far = neighbours(['faq:revenue-share', 0.15, 0.34], ['faq:cloud-choice', 0.14, 0.33], ['faq:office-hours', 0.13, 0.33]);
    const reply = engine.ask(question, { meaning: far });
    expect(reply.status).toBe('suggestions');
    if (reply.status !== 'suggestions') return;
    expect(reply.suggestions.map((s) => s.id)).toContain(lexical.suggestions[0]!.id);
    expect(engine.explain(question, { meaning: far }).verdict).toMatch(/^suggest: the first record is 0\.\d+ likely \(suggestions from [\d.]+\); the words alone suggested records, so they are offered$/);
  });

  it('finds no match when the encoder finds nothing close and the words match nothing', () => {
    const reply = engine.ask('who won the football match yesterday?', { meaning: neighbours(['faq:cloud-choice', 0.12], ['faq:office-hours', 0.11], ['faq:revenue-share', 0.1]) });
    expect(reply.status).toBe('no_match');
  });
});

describe('the fitted decision file', () => {
  it('names the file and the field when a model does not fit this build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-decision-'));
    try {
      const file = path.join(dir, 'decision.json');
      await writeFile(file, JSON.stringify({ ...loadDecisionModel(), answerAt: 2 }));
      expect(() => loadDecisionModel(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: answerAt: `));
      expect(() => loadDecisionModel(path.join(dir, 'missing.json'))).toThrow(/missing\.json: .*refit it with scripts\/fitDecision/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
