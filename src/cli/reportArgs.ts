import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface ReportArgs {
  readonly days: number;
  readonly json: boolean;
  readonly out: string | null;
  /** Question logs to read as one (files or DATA_DIR folders); empty: this host's DATA_DIR. */
  readonly logs: readonly string[];
  readonly help: boolean;
}

const schema = z.object({
  days: z
    .string()
    .regex(/^\d+$/, { error: '--days must be a whole number of days' })
    .transform(Number)
    .refine((days) => days >= 1 && days <= 3650, { error: '--days must be from 1 to 3650' })
    .optional(),
  json: z.boolean().default(false),
  out: z.string().trim().min(1, { error: '--out needs a file name' }).optional(),
  log: z.array(z.string().trim().min(1, { error: '--log needs a file or folder' })).default([]),
  help: z.boolean().default(false),
});

/** `--days N`, `--json`, `--out FILE`, `--log PATH` (repeatable), `--help` of `npm run gaps` and `npm run stats`; throws with a message for the terminal. */
export function parseReportArgs(argv: readonly string[], allowed: readonly ('json' | 'out')[]): ReportArgs {
  const { values, positionals } = parseArgs({
    // `npm run gaps -- --days 3 -- --json` hands the script a second `--`: it separates nothing here.
    args: argv.filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: { days: { type: 'string', short: 'd' }, json: { type: 'boolean' }, out: { type: 'string', short: 'o' }, log: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
  });
  if (positionals.length > 0) throw new Error(`unexpected argument: ${positionals.join(' ')}`);
  if (values.json !== undefined && !allowed.includes('json')) throw new Error('--json is not an option of this command');
  if (values.out !== undefined && !allowed.includes('out')) throw new Error('--out is not an option of this command');
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { days: parsed.data.days ?? 7, json: parsed.data.json, out: parsed.data.out ?? null, logs: parsed.data.log, help: parsed.data.help };
}
