/** Fixed wording shared by every front end, so terminal and Discord say the same thing. */
export const replyMessages = {
  suggestionsIntro: "I'm not sure which of these you mean:",
  noMatch: "Sorry, I don't have an answer for that. I only know about the Microsoft–OpenAI partnership amendment.",
  noMatchHint: 'Try asking "Can OpenAI use AWS?" or browse the questions I know with /faq.',
  seeAlso: 'See also',
  sources: 'Sources',
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
