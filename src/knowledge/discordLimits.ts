/**
 * Discord's documented limits that knowledge text must fit, so any knowledge that validates
 * can be rendered without truncating a fact away.
 */
export const discordLimits = {
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldValue: 1024,
  embedTotal: 6000,
  autocompleteChoiceName: 100,
} as const;
