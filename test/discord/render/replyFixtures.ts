import { bundledKnowledgeDir } from '../../../src/config/paths.ts';
import { loadKnowledge } from '../../../src/knowledge/loadKnowledge.ts';
import type { Source } from '../../../src/knowledge/schema.ts';
import type { AnsweredReply } from '../../../src/reply/replyModel.ts';
import { createAnswerEngine, type AnswerEngine } from '../../../src/answer/answerEngine.ts';

/** The engine over the knowledge the bot ships with, so tests see the replies members get. */
export async function loadBundledEngine(): Promise<AnswerEngine> {
  const result = await loadKnowledge(bundledKnowledgeDir);
  if (!result.ok) throw new Error('the bundled knowledge must be valid');
  return createAnswerEngine(result.knowledge);
}

/** A hand-built answered FAQ reply; tests override what they are about. */
export function makeReply(overrides: Partial<AnsweredReply> = {}): AnsweredReply {
  return {
    question: 'a question',
    status: 'answered',
    kind: 'faq',
    id: 'a-record',
    title: 'A question?',
    body: 'An answer.',
    quote: null,
    sources: [makeSource(1)],
    editorsNote: null,
    table: null,
    related: [],
    confidence: { scale: 'score', value: 0.87 },
    also: [],
    ...overrides,
  };
}

export function makeSource(n: number, overrides: Partial<Source> = {}): Source {
  return { id: `source-${n}`, title: `Source ${n}`, ...overrides };
}

/** `length` characters of varied text, with astral characters so a careless cut would split a pair. */
export function longText(length: number, unit = 'Lorem ipsum 😀 dolor sit amet. '): string {
  let text = '';
  while (text.length < length) text += unit;
  // Cut on a code point boundary, then pad with plain letters to the exact length.
  const codePoints = [...text];
  let cut = '';
  for (const char of codePoints) {
    if (cut.length + char.length > length) break;
    cut += char;
  }
  return cut.padEnd(length, 'x');
}
