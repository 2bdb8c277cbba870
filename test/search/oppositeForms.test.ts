import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { renderPlainText } from '../../src/render/renderPlainText.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('the bundled knowledge must be valid');
  knowledge = result.knowledge;
});

describe('a word opposite to the one a record states', () => {
  it('reaches the record that says the revenue share is capped, never "the sources don\'t mention uncapped"', () => {
    const engine = createAnswerEngine(knowledge);
    for (const question of ['is the revenue share openai pays microsoft uncapped now?', 'is the revenue share … uncapped now?']) {
      const reply = engine.ask(question);
      expect(reply, question).toMatchObject({ status: 'answered', kind: 'faq', id: 'openai-revenue-share-capped' });
      expect(renderPlainText(reply)).toContain('now subject to a total cap');
      expect(renderPlainText(reply)).not.toMatch(/don't mention/);
    }
  });

  it('reaches a record stating the negated word from a question asking the plain one', () => {
    // Another knowledge base, with no synonyms to help: only the negation relates "limited" to "unlimited".
    const engine = createAnswerEngine({
      ...knowledge,
      synonyms: {},
      concepts: {},
      terms: [],
      faq: [
        { id: 'loan-count', question: 'Are loans unlimited?', alternates: [], answer: 'Loans are unlimited.', sources: ['article'], related: [] },
        { id: 'loan-length', question: 'How long do loans last?', alternates: [], answer: 'A loan lasts 21 days.', sources: ['article'], related: [] },
      ],
    });
    expect(engine.ask('are loans limited?')).toMatchObject({ status: 'answered', id: 'loan-count' });
  });
});
