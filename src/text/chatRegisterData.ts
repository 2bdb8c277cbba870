import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { dialogueActs, type DialogueAct } from './dialogueActs.ts';

const phraseList = z.array(z.string().trim().min(1));
const chatRegisterSchema = z.strictObject({
  words: z.record(z.string().trim().min(1), phraseList),
  drop: phraseList,
  dialogue: z.strictObject(Object.fromEntries(dialogueActs.map((act) => [act, phraseList])) as Record<DialogueAct, typeof phraseList>),
  dialogueFiller: phraseList,
});

/** The chat register as `src/text/data/chat-register.yaml` writes it, checked. */
export type ChatRegisterData = z.output<typeof chatRegisterSchema>;

/** The YAML that people edit. */
export const chatRegisterYamlFile = new URL('./data/chat-register.yaml', import.meta.url);

/** `data` checked against the register's schema; throws naming the file and the field at fault. */
export function validateChatRegisterData(data: unknown): ChatRegisterData {
  const parsed = chatRegisterSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`src/text/data/chat-register.yaml is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Reads and checks the register's YAML. */
export function readChatRegisterYaml(file: URL = chatRegisterYamlFile): ChatRegisterData {
  // Every entry is text ("no", "true" and "4" included), so the YAML is read without type guessing.
  return validateChatRegisterData(parse(readFileSync(file, 'utf8'), { schema: 'failsafe' }));
}
