import type { About } from '../knowledge/schema.ts';
import { matchStrength } from './confidenceBands.ts';
import type { Confidence, SuggestionsReply, Unstated } from './replyModel.ts';

/** Fixed wording shared by every front end, so terminal and Discord say the same thing. */
export const replyMessages = {
  suggestionsIntro: "I'm not sure which of these you mean:",
  closestIntro: 'The closest questions I can answer:',
  seeAlso: 'See also',
  sources: 'Sources',
  editorsNote: "Editors' note (not from the sources)",
  /** A short line for a message that was only chat, when it was addressed to the bot. */
  dialogue: {
    thanks: "You're welcome! Ask me anytime.",
    greeting: 'Hi! Ask me a question, or browse the questions I know with /faq.',
    farewell: 'Bye! Come back with more questions anytime.',
    acknowledgement: 'Glad that helped. Anything else?',
    laughter: '😄',
    praise: 'Thank you! Happy to help.',
    reaction: 'Right? Ask me if you want the details.',
    help: 'I answer questions from this server\'s FAQ: ask me in your own words, mention me, or use /ask, /faq, /term and /compare. /help has the details.',
  },
} as const;

/** Says that no record mentions these names ("The sources don't mention Anthropic."). */
export function unmentionedMessage(names: readonly string[]): string {
  return `The sources don't mention ${names.join(' or ')}.`;
}

/** The line before "did you mean…" choices: why there is no answer, when the engine knows. */
export function suggestionsIntroOf(reply: Pick<SuggestionsReply, 'unstated'>): string {
  return reply.unstated ? `${reply.unstated.message} ${replyMessages.closestIntro}` : replyMessages.suggestionsIntro;
}

/** What the bot says when it has no answer: what it does know about, from the knowledge itself. */
export function noMatchMessage(about: About, unstated: Unstated | null = null): string {
  const why = unstated ? unstated.message : "Sorry, I don't have an answer for that.";
  return about.topic ? `${why} I only know about ${about.topic}.` : unstated ? `${why} It is not in this server's FAQ.` : `${why.slice(0, -1)}: it is not in this server's FAQ.`;
}

/** "match: strong", as every front end shows how sure an answer to free text is (bands: `confidenceBands.ts`). */
export function matchLabel(confidence: Confidence): string {
  return `match: ${matchStrength(confidence)}`;
}

/** Rows named before "…and N more". */
const maxRowsNamed = 10;

/** `/compare feature:` names no row of the table: which rows there are, closest first. */
export function noRowMessage(feature: string, features: readonly string[]): string {
  const named = features.slice(0, maxRowsNamed).map((name) => `“${name}”`);
  const more = features.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `No row of the comparison table matches “${oneLine(feature)}”. ${named.length === 1 ? 'Its row' : 'Its rows'}: ${list}. Leave the feature out for the whole table.`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** The question to try instead, and where to browse the rest. */
export function tryAskingHint(about: About): string {
  return about.example ? `Try asking "${about.example}" or browse the questions I know with /faq.` : 'Browse the questions I know with /faq.';
}

/** One line on what the bot answers, for help texts. */
export function aboutLine(about: About): string {
  return about.topic ? `I answer questions about ${about.topic} from a curated FAQ, glossary and comparison table.` : 'I answer questions from this server\'s curated FAQ, glossary and comparison table.';
}
