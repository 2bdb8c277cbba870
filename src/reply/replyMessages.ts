/** Fixed wording shared by every front end, so terminal and Discord say the same thing. */
export const replyMessages = {
  suggestionsIntro: "I'm not sure which of these you mean:",
  noMatch: "Sorry, I don't have an answer for that. I only know about the Microsoft–OpenAI partnership amendment.",
  noMatchHint: 'Try asking "Can OpenAI use AWS?" or browse the questions I know with /faq.',
  seeAlso: 'See also',
  sources: 'Sources',
} as const;
