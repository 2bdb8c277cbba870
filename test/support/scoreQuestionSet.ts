import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { JsonReply } from '../../src/render/renderJson.ts';

const questionSchema = z.union([
  z.object({ q: z.string(), facts: z.array(z.array(z.string()).min(1)).min(1) }),
  z.object({ q: z.string(), abstain: z.literal(true) }),
]);
export type EvalQuestion = z.infer<typeof questionSchema>;

export function readQuestionSet(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => questionSchema.parse(JSON.parse(line)));
}

export interface SetScore {
  readonly answerable: number;
  readonly answeredCorrectly: number;
  readonly offTopic: number;
  readonly heldBack: number;
  readonly misses: readonly string[];
}

/**
 * The rule of the shared scorer: an answerable question counts when the reply is `answered` and
 * its text holds one string of every fact group; an off-topic one when the reply is not `answered`.
 */
export function scoreQuestionSet(questions: readonly EvalQuestion[], reply: (question: string) => JsonReply): SetScore {
  let answerable = 0;
  let answeredCorrectly = 0;
  let offTopic = 0;
  let heldBack = 0;
  const misses: string[] = [];
  for (const item of questions) {
    const result = reply(item.q);
    if ('abstain' in item) {
      offTopic++;
      if (result.status !== 'answered') heldBack++;
      else misses.push(`answered off-topic: ${item.q} -> ${result.id}`);
    } else {
      answerable++;
      const text = result.text.toLowerCase();
      const ok = result.status === 'answered' && item.facts.every((group) => group.some((fact) => text.includes(fact.toLowerCase())));
      if (ok) answeredCorrectly++;
      else misses.push(`missed: ${item.q} -> ${result.status} ${result.id ?? ''}`);
    }
  }
  return { answerable, answeredCorrectly, offTopic, heldBack, misses };
}
