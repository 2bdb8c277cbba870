import { chatRegister } from '../text/chatRegister.ts';
import { normalizeText } from '../text/normalizeText.ts';

// A dialogue act is at most a dozen words; this much text holds any of them.
const chatMaxLength = 200;

/**
 * Whether a message only thanks, greets, laughs… ("thanks bot!"), read the way the engine reads
 * it but without the engine: cheap enough to decide before any costly work, e.g. that a member in
 * their cooldown window gets no "one moment please" for saying thanks.
 */
export function isOnlyChat(text: string): boolean {
  if (text.length > chatMaxLength) return false;
  const register = chatRegister();
  return register.dialogueActOf(register.rewrite(normalizeText(text).split(' ').filter(Boolean))) !== null;
}
