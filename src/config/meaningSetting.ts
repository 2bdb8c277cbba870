import path from 'node:path';

// MEANING, read by the bot with the rest of its configuration (botConfig.ts) and by the terminal
// tools through this plain function: `npm run ask` started for one answer loads no schema library.

export type MeaningSetting = 'on' | 'off';

/**
 * Off: with the fitted decision shipped, the encoder answers more of the public questions nobody here
 * wrote and fewer wrong (BANKING77 test, 10 phrasings: 58.1% / 11.1% → 61.2% / 6.3%) and more of
 * another topic's (59.8% → 67.8%), but up to 8 points fewer of this article's curated records' own
 * (holdout2 96% → 88%, dev 100% → 96.2%), and costs memory and time per question.
 */
export const defaultMeaning: MeaningSetting = 'off';

export const meaningProblem = `MEANING must be on or off (default ${defaultMeaning}): on adds the sentence encoder's reading of each question to the lexical search (about 140 MiB more memory and 15–30 ms per question)`;

/** MEANING's value (empty or unset: the default), or null when it is neither on nor off. */
export function meaningSettingOf(value: string | undefined): MeaningSetting | null {
  const setting = value?.trim().toLowerCase() || defaultMeaning;
  return setting === 'on' || setting === 'off' ? setting : null;
}

/** DATA_DIR as the terminal tools read it: the folder given, or `data` next to the knowledge folder (as the bot). */
export function dataDirOf(value: string | undefined, knowledgeDir: string): string {
  return path.resolve(value?.trim() || path.join(knowledgeDir, '..', 'data'));
}
