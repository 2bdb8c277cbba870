import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { buildAnswerEngine, createAnswerEngine, type AnswerEngine } from '../../src/answer/answerEngine.ts';
import { renderPlainText } from '../../src/render/renderPlainText.ts';
import { answerIdOf, answered } from '../support/replies.ts';

let knowledge: Knowledge;
let engine: AnswerEngine;

beforeAll(async () => {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('bundled knowledge must be valid');
  knowledge = result.knowledge;
  engine = createAnswerEngine(knowledge);
});

describe('answered questions', () => {
  it('answers an FAQ with its sources and supporting quote', () => {
    const reply = answered(engine.ask('can openai use aws now?'));
    expect(reply).toMatchObject({ status: 'answered', kind: 'faq', id: 'any-cloud-provider' });
    expect(reply.body).toContain('any cloud provider');
    expect(reply.quote).toContain('ship first on Azure');
    expect(reply.sources.map((source) => source.title)).toEqual(['Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation']);
    expect(reply.confidence).toBeGreaterThan(0.5);
  });

  it('answers "what is X" with the glossary term and its definition', () => {
    const reply = answered(engine.ask('what is vendor lock-in?'));
    expect(reply).toMatchObject({ status: 'answered', kind: 'term', id: 'vendor-lock-in', title: 'Vendor lock-in' });
    expect(reply.sources.length).toBeGreaterThan(0);
  });

  it('shows the whole comparison table when asked to compare the terms', () => {
    const reply = answered(engine.ask('old terms vs new terms'));
    expect(reply.kind).toBe('table');
    expect(reply.table?.rows).toHaveLength(4);
    expect(reply.table?.partial).toBe(false);
    expect(renderPlainText(reply)).toMatch(/IP License\s+\| Exclusive focus\s+\| Non-exclusive through 2032/);
  });

  it('shows one row when the comparison names a feature', () => {
    const reply = answered(engine.ask('compare IP license'));
    expect(reply.table).toMatchObject({ partial: true, rows: [['IP License', 'Exclusive focus', 'Non-exclusive through 2032']] });
  });
});

describe('questions the bot must not answer', () => {
  // Off topic, so it should find no match; today it offers ship-first-on-azure, reading "weather"
  // as near "conditions" (similarity 0.7).
  it.todo('replies to "what\'s the weather like today" with no_match');
});

describe('robustness', () => {
  it('gives the same reply for the same question every time', () => {
    const again = createAnswerEngine(knowledge);
    for (const question of ['can openai use gcp', 'revenue share', 'compare', 'what is ip']) {
      expect(again.ask(question)).toEqual(engine.ask(question));
    }
  });
});

describe('lookups and autocomplete', () => {
  it('looks records up by id, title or alias, and by meaning within a kind', () => {
    expect(engine.replyFor('faq', 'cybersecurity')?.title).toBe('Does the partnership cover cybersecurity?');
    expect(engine.replyFor('faq', 'nope')).toBeNull();
    expect(answerIdOf(engine.lookup('term', 'LLM'))).toBe('large-language-models');
    expect(answerIdOf(engine.lookup('term', 'lockin'))).toBe('vendor-lock-in');
    expect(engine.lookup('term', 'pizza').status).toBe('no_match');
  });

  it('completes in tiers within Discord limits', () => {
    const all = engine.complete('faq', '');
    expect(all.length).toBe(Math.min(25, knowledge.faq.length));
    expect(all[0]).toEqual({ name: knowledge.faq[0]?.question, value: knowledge.faq[0]?.id });
    const terms = engine.complete('term', 'lo');
    expect(terms[0]?.value).toBe('vendor-lock-in');
    for (const choice of [...all, ...engine.complete('term', ''), ...engine.complete('row', '')]) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(engine.complete('row', 'ip').map((choice) => choice.value)).toEqual(['IP License']);
  });
});

describe('/compare with a feature', () => {
  const rowsShown = (feature: string) => answered(engine.compare(feature)).table?.rows.map(([name]) => name);

  it('shows the row a feature names, or the rows it names equally well', () => {
    expect(rowsShown('IP License')).toEqual(['IP License']);
    expect(rowsShown('cloud dep')).toEqual(['Cloud Deployment']);
    expect(rowsShown('revenue share')).toEqual(['Microsoft → OpenAI', 'OpenAI → Microsoft']);
    expect(answered(engine.compare('revenue share')).table?.partial).toBe(true);
  });

  it('says that no row matches, naming the rows there are, instead of the whole table', () => {
    const reply = engine.compare('pricing');
    expect(reply).toMatchObject({ status: 'no_match' });
    expect(renderPlainText(reply)).toBe(
      'No row of the comparison table matches “pricing”. Its rows: “Cloud Deployment”, “IP License”, “Microsoft → OpenAI”, “OpenAI → Microsoft”. Leave the feature out for the whole table.',
    );
  });

  it('names the closest rows first', () => {
    expect(renderPlainText(engine.compare('microsoft pricing x'))).toMatch(/Its rows: “Microsoft → OpenAI”, /);
  });

  it('shows the whole table without a feature', () => {
    expect(answered(engine.compare()).table).toMatchObject({ partial: false });
    expect(answered(engine.compare('  ')).table).toMatchObject({ partial: false });
  });
});

describe('building the engine in slices', () => {
  it('gives the same answers as building it at once', async () => {
    const loaded = await loadKnowledge(bundledKnowledgeDir);
    if (!loaded.ok) throw new Error('bundled knowledge must be valid');
    const atOnce = createAnswerEngine(loaded.knowledge);
    const sliced = await buildAnswerEngine(loaded.knowledge, { sliceMs: 0 });
    for (const question of ['does openai still pay microsoft?', 'wen does msft license run out', 'what is vendor lock-in', 'thanks!', 'compare old vs new']) {
      expect(sliced.ask(question)).toEqual(atOnce.ask(question));
    }
  });
});
