import { amountRule } from './amount.ts';
import { judgmentRule } from './judgment.ts';
import { percentageRule } from './percentage.ts';
import type { RequirementRule } from './requirementRule.ts';
import { statusRule } from './status.ts';

export type { RequirementRule } from './requirementRule.ts';

/**
 * Every requirement rule the engine applies, in the order a reply names the first one unmet. A new
 * rule is one module beside these and one line here. Each rule earns its place by what it changes,
 * measured with and without it on questions nobody here wrote (BANKING77's validation questions, the
 * shared styled set) and the project's own sets: a rule that changes nothing there, or costs more
 * right answers than the wrong ones it prevents, is not kept.
 */
export const requirementRules: readonly RequirementRule[] = [judgmentRule, statusRule, percentageRule, amountRule];
