import { amountRule } from './amount.ts';
import { figureRule } from './figure.ts';
import { judgmentRule } from './judgment.ts';
import { percentageRule } from './percentage.ts';
import type { RequirementRule } from './requirementRule.ts';
import { roleRule } from './role.ts';
import { statusRule } from './status.ts';

export type { RequirementRule } from './requirementRule.ts';

/**
 * Every requirement rule the engine applies, in the order a reply names the first one unmet. A new
 * rule is one module beside these and one line here.
 */
export const requirementRules: readonly RequirementRule[] = [judgmentRule, roleRule, statusRule, percentageRule, amountRule, figureRule];
