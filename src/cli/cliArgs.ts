import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/configError.ts';
import { knowledgeDirFromEnv, knowledgeReadLimitsFromEnv } from '../config/knowledgeSettings.ts';
import { dataDirOf, meaningProblem, meaningSettingOf, type MeaningSetting } from '../config/meaningSetting.ts';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface AskArgs {
  readonly json: boolean;
  readonly explain: boolean;
  readonly help: boolean;
  readonly knowledgeDir: string;
  /** KNOWLEDGE_MAX_FILE_BYTES, as the bot reads it. */
  readonly readLimits: { readonly maxFileBytes: number };
  /** The question from the command line, or null to read questions from stdin. */
  readonly question: string | null;
  /** MEANING, as the bot reads it, and where its embeddings are kept (DATA_DIR, as the bot's). */
  readonly meaning: ToolMeaning;
}

export interface ToolMeaning {
  readonly setting: MeaningSetting;
  readonly dataDir: string;
}

/** Parses `ask`/`chat` arguments; throws UsageError with a message fit for the terminal. */
export function parseAskArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AskArgs {
  // parseArgs is the check: unknown options, a value given to a flag or missing after --knowledge are
  // refused with its message, and the values come typed. (No schema library here: loading one would
  // be a good part of the start-up of a tool that answers one question and exits.)
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        knowledge: { type: 'string', short: 'k' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { json, explain, help, knowledge } = parsed.values;
  const knowledgeOption = knowledge?.trim();
  if (knowledgeOption === '') throw new UsageError('--knowledge needs a folder');
  const question = parsed.positionals.join(' ').trim();
  const knowledgeDir = knowledgeOption ? path.resolve(knowledgeOption) : knowledgeDirFromEnv(env);
  return {
    json,
    explain,
    help,
    knowledgeDir,
    readLimits: readLimitsOrUsageError(env),
    question: question || null,
    meaning: toolMeaningOrUsageError(env, knowledgeDir),
  };
}

/** MEANING and DATA_DIR for a terminal tool; a bad MEANING is a usage error naming the variable. */
export function toolMeaningOrUsageError(env: NodeJS.ProcessEnv, knowledgeDir: string): ToolMeaning {
  const setting = meaningSettingOf(env.MEANING);
  if (setting === null) throw new UsageError(meaningProblem);
  return { setting, dataDir: dataDirOf(env.DATA_DIR, knowledgeDir) };
}

/** Parsed arguments, or the problem and `usage` on stderr and exit code 2. */
export function parseAskArgsOrExit(argv: readonly string[], usage: string): AskArgs {
  try {
    return parseAskArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
}

/** KNOWLEDGE_MAX_FILE_BYTES for a terminal tool; a bad value is a usage error naming the variable. */
export function readLimitsOrUsageError(env: NodeJS.ProcessEnv): { readonly maxFileBytes: number } {
  try {
    return knowledgeReadLimitsFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.problems.join('; '));
    throw error;
  }
}
