import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decisionModelSchema, type DecisionModel } from './fusedDecision.ts';

/** The fused decision shipped with the bot, written by `scripts/fitDecision.ts --out`. */
export const shippedDecisionModelFile = fileURLToPath(new URL('./data/fused-decision.json', import.meta.url));

/**
 * The fitted decision in `file`, checked against this build's features; an error names the file,
 * the field and how to make a good one.
 */
export function readDecisionModel(file: string = shippedDecisionModelFile): DecisionModel {
  const refit = 'write it again with npx tsx scripts/fitDecision.ts … --out FILE';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the fused decision model (${error instanceof Error ? error.message : String(error)}); ${refit}`);
  }
  const parsed = decisionModelSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new Error(`${file}: ${issue?.path.join('.') || 'the model'}: ${issue?.message ?? 'not a fused decision model'}; ${refit}`);
}
