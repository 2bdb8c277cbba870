import { beforeAll, describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { buildSynonymMap, normalizeText } from '../../src/text/normalizeText.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('the bundled knowledge must be valid');
  knowledge = result.knowledge;
});

describe('the shipped synonyms', () => {
  it('rewrite a word only where the knowledge word fits in its place, keeping broader words and other senses', () => {
    const synonyms = buildSynonymMap(knowledge.synonyms);
    const rewrite = (text: string) => synonyms.rewrite(normalizeText(text));
    // Amazon the company, hardware beyond chips, security beyond cybersecurity, "stuck", a stake, the verb "shares".
    for (const kept of ['did amazon invest', 'physical hardware', 'better security', 'is the deal stuck', 'a stake', 'openai shares revenue', 'hyperscalers']) {
      expect(rewrite(kept)).toBe(kept);
    }
    // Where only one sense fits, the knowledge's word.
    expect(rewrite('run on amazon')).toBe('run aws');
    expect(rewrite('amazon web services')).toBe('aws');
    expect(rewrite('did microsoft sell its shares')).toBe('did microsoft sell shareholder');
    expect(rewrite('cyber security')).toBe('cybersecurity');
  });

  it('do not answer "did amazon invest in openai?" with Microsoft being a shareholder: it gets suggestions', () => {
    const reply = createAnswerEngine(knowledge).ask('did amazon invest in openai?');
    expect(reply.status).toBe('suggestions');
  });
});
