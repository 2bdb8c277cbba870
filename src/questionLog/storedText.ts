/** What is kept of a question: enough to read it back, never a wall of pasted text. */
export const questionMaxChars = 500;

// Mentions carry Discord ids (of the bot, members, roles, channels): none of them is stored.
const discordMentions = /<(?:@[!&]?|#)\d+>/g;

/** A question as stored: without mentions, whitespace collapsed, at most 500 characters. */
export function storedText(question: string): string {
  return [...question.replace(discordMentions, ' ').replace(/\s+/g, ' ').trim()].slice(0, questionMaxChars).join('');
}
