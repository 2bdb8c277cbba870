import { existsSync, readFileSync } from 'node:fs';
import type { ChatRegisterData } from './chatRegisterData.ts';
import { dialogueActs, type DialogueAct } from './dialogueActs.ts';
import { isFamiliarWord } from './familiarWords.ts';
import { buildSynonymMap, normalizeText, type SynonymMap } from './normalizeText.ts';

export { dialogueActs, type DialogueAct } from './dialogueActs.ts';

export interface ChatRegister {
  /** Chat spellings to plain words: elongations shortened ("sooo"), abbreviations spelled out ("rn"). */
  readonly rewrite: (words: readonly string[]) => string[];
  /** False when `rewrite` leaves `word` as it is whatever its neighbours (see `SynonymMap.mayRewrite`). */
  readonly mayRewrite: (word: string) => boolean;
  /** The words that only colour a message ("tbh", "lol"), removed. */
  readonly dropFiller: (words: readonly string[]) => string[];
  /** The act a message performs when it is only chat (thanks, greeting…), or null when it says more. */
  readonly dialogueActOf: (words: readonly string[]) => DialogueAct | null;
}

// `npm run build` checks src/text/data/chat-register.yaml and writes what it holds as JSON next to
// the compiled modules (scripts/copyRuntimeFiles.mjs): the build reads that, without loading a YAML
// parser and a schema library at every start. From the sources (tsx, vitest) there is no JSON, and
// the YAML is read and checked here.
const compiledRegisterFile = new URL('./data/chat-register.json', import.meta.url);
const registerData: ChatRegisterData = existsSync(compiledRegisterFile)
  ? (JSON.parse(readFileSync(compiledRegisterFile, 'utf8')) as ChatRegisterData)
  : (await import('./chatRegisterData.ts')).readChatRegisterYaml();

let loaded: ChatRegister | null = null;

/** The chat register shipped with the engine (`src/text/data/chat-register.yaml`), built once. */
export function chatRegister(): ChatRegister {
  loaded ??= createChatRegister(registerData);
  return loaded;
}

/** A register from checked data (see `validateChatRegisterData`). */
export function createChatRegister(data: ChatRegisterData): ChatRegister {
  const { words, drop, dialogue, dialogueFiller } = data;
  const abbreviations = buildSynonymMap(words);
  const dropped = new Set(drop.map(normalizeText));
  const acts = dialogueActs.map((act) => ({ act, phrases: buildPhraseMatcher(dialogue[act]) }));
  const filler = buildPhraseMatcher(dialogueFiller);
  // A message with a word outside every act phrase and filler says more than chat: no need to look further.
  const dialogueWords = new Set([...Object.values(dialogue).flat(), ...dialogueFiller].flatMap((phrase) => split(normalizeText(phrase))));

  return {
    rewrite: (input) => abbreviations.rewriteWords(input.map(shortenElongation)),
    mayRewrite: (word) => shortenElongation(word) !== word || abbreviations.mayRewrite(word),
    dropFiller: (input) => input.filter((word) => !dropped.has(word)),
    dialogueActOf(input) {
      if (input.length === 0 || input.length > 12 || !input.every((word) => dialogueWords.has(word))) return null;
      let found: DialogueAct | null = null;
      let rest = input.join(' ');
      for (const { act, phrases } of acts) {
        const without = phrases.rewrite(rest);
        if (without !== rest) found ??= act;
        rest = without;
      }
      const leftover = split(filler.rewrite(rest));
      return found && leftover.length === 0 ? found : null;
    },
  };
}

/** Every phrase rewritten to nothing, longest first: what is left is what the phrases do not cover. */
function buildPhraseMatcher(phrases: readonly string[]): SynonymMap {
  return buildSynonymMap({ '': phrases });
}

function split(text: string): string[] {
  return text.split(' ').filter(Boolean);
}

/** "sooo" → "so", "pleaseee" → "please", "gooood" → "good": runs of 3+ letters shortened to 2, or 1 if that makes a word. */
export function shortenElongation(word: string): string {
  if (!hasTripleLetter(word)) return word;
  const double = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (isFamiliarWord(double)) return double;
  const single = word.replace(/(\p{L})\1{2,}/gu, '$1');
  return isFamiliarWord(single) ? single : double;
}

/** Cheaper than the regular expression, on every word of every text indexed. */
function hasTripleLetter(word: string): boolean {
  for (let i = 2; i < word.length; i++) if (word[i] === word[i - 1] && word[i] === word[i - 2]) return /(\p{L})\1\1/u.test(word);
  return false;
}
