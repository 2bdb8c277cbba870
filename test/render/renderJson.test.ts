import { describe, expect, it } from 'vitest';
import { toJsonReply } from '../../src/render/renderJson.ts';
import type { Reply } from '../../src/reply/replyModel.ts';

const suggestions = (scale: 'score' | 'probability'): Reply => ({
  status: 'suggestions',
  question: 'is the ferry running?',
  suggestions: [{ kind: 'faq', id: 'ferry-times', title: 'When does the ferry leave?' }],
  unstated: null,
  confidence: { scale, value: 0.42 },
});

describe('toJsonReply', () => {
  it('says which scale the confidence is on, so a probability is not read as a score', () => {
    expect(toJsonReply(suggestions('probability'))).toMatchObject({ confidence: 0.42, confidenceScale: 'probability' });
    expect(toJsonReply(suggestions('score'))).toMatchObject({ confidence: 0.42, confidenceScale: 'score' });
  });
});
