/**
 * Words that say nothing about which record is meant. Negations and time words ("no",
 * "still", "anymore", "longer") are deliberately absent: they distinguish "does Microsoft
 * still pay" from "does OpenAI pay"; so are "why" and "when", which ask for a reason or a date, and "to", which says who pays whom.
 */
export const stopwords: ReadonlySet<string> = new Set(
  `a about after again all am an and any are as at be because been before being both but by can
  could did do does doing done for from get gets got had has have having he her here hers him his
  how i if in into is it its just let me mine my myself of on once only or other our ours out
  please she should so some such than that the their them then there these they this those through
  too u ur very was we were what whats where which while who whom whos whose will with would
  you your yours hey hi hello thanks thank bot guys folks tell know wondering question quick q
  really actually anyone someone somebody lol lmao rofl nah pls plz tbh idk imo imho btw ok okay
  ya yeah yep yup nope hmm uh um thx ty`
    .split(/\s+/)
    .filter(Boolean),
);
