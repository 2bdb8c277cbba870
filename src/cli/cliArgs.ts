import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, knowledgeDirFromEnv, knowledgeReadLimitsFromEnv } from '../config/botConfig.ts';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const optionsSchema = z.object({
  json: z.boolean().default(false),
  explain: z.boolean().default(false),
  help: z.boolean().default(false),
  knowledge: z.string().trim().min(1, { error: '--knowledge needs a folder' }).optional(),
});

export interface AskArgs {
  readonly json: boolean;
  readonly explain: boolean;
  readonly help: boolean;
  readonly knowledgeDir: string;
  /** KNOWLEDGE_MAX_FILE_BYTES, as the bot reads it. */
  readonly readLimits: { readonly maxFileBytes: number };
  /** The question from the command line, or null to read questions from stdin. */
  readonly question: string | null;
}

/** Parses `ask`/`chat` arguments; throws UsageError with a message fit for the terminal. */
export function parseAskArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): AskArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        explain: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        knowledge: { type: 'string', short: 'k' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const options = optionsSchema.safeParse(parsed.values);
  if (!options.success) throw new UsageError(options.error.issues.map((issue) => issue.message).join('; '));
  const question = parsed.positionals.join(' ').trim();
  return {
    json: options.data.json,
    explain: options.data.explain,
    help: options.data.help,
    knowledgeDir: options.data.knowledge ? path.resolve(options.data.knowledge) : knowledgeDirFromEnv(env),
    readLimits: readLimitsOrUsageError(env),
    question: question || null,
  };
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
