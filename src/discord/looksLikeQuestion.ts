const questionStart =
  /^(who|whom|whose|what|whats|when|where|why|how|which|can|could|does|do|did|is|are|was|were|will|would|should|shall|has|have|had|may|might|any|anyone)\b/i;

/**
 * In answer channels the bot only speaks up for messages that read as questions, so ordinary
 * conversation there is left alone.
 */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.replace(/<@[!&]?\d+>/g, '').trim();
  if (trimmed.length < 4) return false;
  return trimmed.includes('?') || questionStart.test(trimmed);
}
