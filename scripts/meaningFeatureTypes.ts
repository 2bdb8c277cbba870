/** One question as `scripts/meaningFeatures.ts` writes it and `scripts/fitDecision.ts` reads it. */
import { z } from 'zod';

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
  /** Every record by the encoder's similarity (closest phrasing and centroid), closest first. */
  encoder: z.array(z.strictObject({ key: z.string(), closest: z.number(), centroid: z.number() })),
});
export type QuestionFeatures = z.infer<typeof questionFeaturesSchema>;
