/** One question as `scripts/meaningFeatures.ts` writes it and `scripts/fitDecision.ts` reads it. */
import { z } from 'zod';
import type { FusedInput } from '../src/meaning/fusedDecision.ts';

export const questionFeaturesSchema = z.strictObject({
  /** Which set the question comes from: "b77-10-val", "styles"… */
  set: z.string().min(1),
  q: z.string(),
  style: z.string().nullable(),
  /** The records whose answer is right; null when nothing may be answered (off-topic, chatter). */
  expect: z.array(z.string()).nullable(),
  /** The answer engine's own reply. */
  engine: z.strictObject({
    status: z.enum(['answered', 'suggestions', 'no_match']),
    key: z.string().nullable(),
    confidence: z.number(),
    act: z.string().nullable(),
    suggestions: z.array(z.string()),
  }),
  /** The engine's ranked candidates, best first (a handful). */
  lexical: z.array(z.strictObject({ key: z.string(), score: z.number(), states: z.boolean() })),
  /**
   * Every record by the encoder's similarity (closest phrasing and centroid), closest first, with
   * the record classifier's probability (0 without one) and the cosine of its centroid with the closest other record's.
   */
  encoder: z.array(z.strictObject({ key: z.string(), closest: z.number(), centroid: z.number(), classifier: z.number(), neighbor: z.number() })),
});
export type QuestionFeatures = z.infer<typeof questionFeaturesSchema>;

/** What the fused decision reads about a question, from its recorded features. */
export function fusedInputOf(q: QuestionFeatures): FusedInput {
  return {
    lexical: q.lexical.map((c) => ({ key: c.key, score: c.score, statesWhatIsAsked: c.states })),
    lexicalDecision: { answer: q.engine.status === 'answered' ? q.engine.key : null, suggestions: q.engine.suggestions },
    meaning: q.encoder.map((m, i) => ({ key: m.key, closest: m.closest, centroid: m.centroid, rank: i + 1, classifierProbability: m.classifier, neighbor: m.neighbor })),
  };
}
