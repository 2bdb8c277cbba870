import { singleFacetRule } from './requirementRule.ts';

const roles = 'ceo|chief executive|boss|president|director|head|founder|cofounder|co founder|chair|chairman|chairwoman|chairperson|leader|manager|owner';
const englishPatterns = {
  // "Runs" here is not the "runs through 2032" of a licence: only "who runs…" asks for a person in charge.
  asked: new RegExp(`^(who|whos|who s) (runs|leads|heads|manages|founded|is (in charge|running|leading|heading|managing)|(is )?(the )?(${roles}) of)\\b`),
  // Someone's role, or who runs it ("the night buses are run by…", "its operator").
  stated: /\b(ceo|chief executive|president|director|head of|founder|co-?founder|chair|chairman|chairwoman|chairperson|leader|boss|manager|operators?|(run|operated|managed|led|headed) by)\b/i,
};

/** "who runs microsoft?", "who is the ceo of openai?": only a record naming someone's role answers it. */
export const roleRule = singleFacetRule({
  name: 'role',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  stated: (text) => englishPatterns.stated.test(text),
  unstated: "The sources don't say who is in charge.",
  explain: "someone's role (who is in charge)",
});
