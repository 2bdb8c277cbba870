// The engine's facade — ask, lookups, autocomplete, /compare, building in slices — over a knowledge
// base written here (never the shipped article).
import { describe, expect, it } from 'vitest';
import { buildAnswerEngine, createAnswerEngine } from '../../src/answer/answerEngine.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { renderPlainText } from '../../src/render/renderPlainText.ts';
import { answered, answerIdOf } from '../support/replies.ts';
import { microKnowledge } from '../support/microKnowledge.ts';

const base = microKnowledge([
  { id: 'ferry-bikes', question: 'Can I take my bike on the Harbourton ferry?', answer: 'Bikes ride free on every crossing.' },
  { id: 'library-card', question: 'When does a Harbourton library card expire?', answer: 'A library card runs for three years.' },
  { id: 'market-day', question: 'Which day is the Harbourton market?', answer: 'The market is held every Saturday.' },
]);
const knowledge: Knowledge = {
  ...base,
  faq: base.faq.map((record) => (record.id === 'ferry-bikes' ? { ...record, quote: 'Bicycles travel free of charge.' } : record)),
  terms: [{ id: 'season-pass', term: 'Season pass', aliases: ['SP'], definition: 'A ticket for every crossing of one season.', sources: ['notice'] }],
  table: {
    ...base.table,
    rows: [
      { feature: 'Parking permit', aliases: [], cells: ['10 dollars', '12 dollars'] },
      { feature: 'Ferry single', aliases: [], cells: ['3 dollars', '4 dollars'] },
      { feature: 'Ferry return', aliases: [], cells: ['5 dollars', '7 dollars'] },
    ],
  },
};
const engine = createAnswerEngine(knowledge);

describe('answered questions', () => {
  it('answers an FAQ with its sources and supporting quote', () => {
    const reply = answered(engine.ask('can i take my bike on the ferry?'));
    expect(reply).toMatchObject({ kind: 'faq', id: 'ferry-bikes', body: 'Bikes ride free on every crossing.', quote: 'Bicycles travel free of charge.' });
    expect(reply.sources.map((source) => source.title)).toEqual(['Town notice']);
    expect(reply.confidence.value).toBeGreaterThan(0.5);
  });

  it('answers "what is X" with the glossary term and its definition', () => {
    const reply = answered(engine.ask('what is a season pass?'));
    expect(reply).toMatchObject({ kind: 'term', id: 'season-pass', title: 'Season pass' });
    expect(reply.body).toContain('every crossing of one season');
  });

  it('shows the whole comparison table when asked to compare', () => {
    const reply = answered(engine.ask('compare the fees'));
    expect(reply.table).toMatchObject({ partial: false });
    expect(reply.table?.rows).toHaveLength(3);
    expect(renderPlainText(reply)).toMatch(/Parking permit\s+\| 10 dollars\s+\| 12 dollars/);
  });

  it('shows one row when the comparison names a feature', () => {
    expect(answered(engine.ask('compare parking permit')).table).toMatchObject({ partial: true, rows: [['Parking permit', '10 dollars', '12 dollars']] });
  });

  it('gives the same reply for the same question every time', () => {
    const again = createAnswerEngine(knowledge);
    for (const question of ['can i bring a bike', 'ferry', 'compare', 'what is sp']) expect(again.ask(question)).toEqual(engine.ask(question));
  });
});

describe('lookups and autocomplete', () => {
  it('looks records up by id, and terms by name or alias', () => {
    expect(engine.replyFor('faq', 'market-day')?.title).toBe('Which day is the Harbourton market?');
    expect(engine.replyFor('faq', 'nope')).toBeNull();
    expect(answerIdOf(engine.lookup('term', 'SP'))).toBe('season-pass');
    expect(answerIdOf(engine.lookup('term', 'season pass'))).toBe('season-pass');
    expect(engine.lookup('term', 'pizza').status).toBe('no_match');
  });

  it('completes in tiers, within the 25 choices Discord takes', () => {
    const all = engine.complete('faq', '');
    expect(all).toHaveLength(3);
    expect(all[0]).toEqual({ name: 'Can I take my bike on the Harbourton ferry?', value: 'ferry-bikes' });
    expect(engine.complete('term', 'se')[0]?.value).toBe('season-pass');
    expect(engine.complete('row', 'park').map((choice) => choice.value)).toEqual(['Parking permit']);
    const many = createAnswerEngine({ ...knowledge, faq: Array.from({ length: 30 }, (_, i) => ({ ...knowledge.faq[0]!, id: `record-${i}`, question: `Question number ${i}?` })) });
    expect(many.complete('faq', '')).toHaveLength(25);
  });
});

describe('/compare with a feature', () => {
  const rowsShown = (feature: string) => answered(engine.compare(feature)).table?.rows.map(([name]) => name);

  it('shows the row a feature names, or the rows it names equally well', () => {
    expect(rowsShown('Parking permit')).toEqual(['Parking permit']);
    expect(rowsShown('park')).toEqual(['Parking permit']);
    expect(rowsShown('ferry')).toEqual(['Ferry single', 'Ferry return']);
    expect(answered(engine.compare('ferry')).table?.partial).toBe(true);
  });

  it('says that no row matches, naming the rows there are, instead of the whole table', () => {
    const reply = engine.compare('pricing');
    expect(reply).toMatchObject({ status: 'no_match' });
    expect(renderPlainText(reply)).toBe(
      'No row of the comparison table matches “pricing”. Its rows: “Parking permit”, “Ferry single”, “Ferry return”. Leave the feature out for the whole table.',
    );
  });

  it('names the closest rows first', () => {
    expect(renderPlainText(engine.compare('parking pricing x'))).toMatch(/Its rows: “Parking permit”, /);
  });

  it('shows the whole table without a feature', () => {
    expect(answered(engine.compare()).table).toMatchObject({ partial: false });
    expect(answered(engine.compare('  ')).table).toMatchObject({ partial: false });
  });
});

describe('building the engine in slices', () => {
  it('gives the same answers as building it at once', async () => {
    const sliced = await buildAnswerEngine(knowledge, { sliceMs: 0 });
    for (const question of ['can i take a bike on the ferry?', 'wen does the libary card run out', 'what is a season pass', 'thanks!', 'compare the fees']) {
      expect(sliced.ask(question)).toEqual(engine.ask(question));
    }
  });
});
