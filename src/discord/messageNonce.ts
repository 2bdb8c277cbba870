/**
 * The nonce for the bot's reply to a channel message, enforced. A POST that times out on our side may still have
 * landed; discord.js then retries with the same body, and with `enforce_nonce` Discord returns the message already
 * posted instead of a second copy. Derived from the message answered, so handling the same message twice (an event
 * replayed after a reconnect) posts one reply too. A message gets one reply, so one nonce per message is enough.
 */
export function replyNonce(answeredMessageId: string): { nonce: string; enforceNonce: true } {
  // Discord allows 25 characters; a snowflake has at most 20.
  return { nonce: `r${answeredMessageId}`, enforceNonce: true };
}
