import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { FaqFields, Moderator, RecordKind, TermFields } from '../moderation/moderationService.ts';

export const kbUsage = `Moderator actions on the knowledge without Discord: the same checks, audit log and reload as /kb.

  npm run kb -- faq add --question Q --answer A --source ID... [--alternate P]... [--quote Q] [--related ID]...
  npm run kb -- term add --term T --definition D --source ID... [--alias A]... [--quote Q]
  npm run kb -- faq open ID              the record and the version a save or removal must quote
  npm run kb -- faq save ID --version V [field options]   only the fields given change; a list option replaces the list
  npm run kb -- faq remove ID --version V
  npm run kb -- new-id TITLE             the id a new record with this question or term would get
  npm run kb -- alternate RECORD QUESTION   add QUESTION as another phrasing of FAQ record RECORD
  npm run kb -- gaps [--days N] [--guild ID]   questions the bot did not answer well, with their gap ids
  npm run kb -- gap records|dismiss GAP [--days N]
  npm run kb -- gap add GAP RECORD [--days N]   add the gap's question as a phrasing of RECORD
  (term open|save|remove as for faq)

Options:
  --as NAME         who makes the change, for the audit log (or KB_MODERATOR); needed for every change
  --knowledge DIR   the knowledge folder (default: KNOWLEDGE_DIR, else the project's knowledge/)
  --json            print the result as one JSON object
The audit log goes where the bot keeps it (DATA_DIR, or DATABASE_URL's database, which also carries the change
to the other hosts). KNOWLEDGE_DIR, DATA_DIR, DATABASE_URL and KB_MODERATOR are read from .env as the bot
reads it (a variable set in the environment wins).
Exit codes: 0 done, 1 refused (the reason on stderr), 2 bad arguments.`;

export class KbUsageError extends Error {
  override readonly name = 'KbUsageError';
}

export type KbCommand =
  | { readonly name: 'add'; readonly kind: 'faq'; readonly fields: FaqFields }
  | { readonly name: 'add'; readonly kind: 'term'; readonly fields: TermFields }
  | { readonly name: 'open'; readonly kind: RecordKind; readonly id: string }
  | { readonly name: 'save'; readonly kind: 'faq'; readonly id: string; readonly version: string; readonly changes: Partial<FaqFields> }
  | { readonly name: 'save'; readonly kind: 'term'; readonly id: string; readonly version: string; readonly changes: Partial<TermFields> }
  | { readonly name: 'remove'; readonly kind: RecordKind; readonly id: string; readonly version: string }
  | { readonly name: 'new-id'; readonly title: string }
  | { readonly name: 'alternate'; readonly recordId: string; readonly question: string }
  | { readonly name: 'gaps'; readonly days: number; readonly guildId: string | null }
  | { readonly name: 'gap records' | 'gap dismiss'; readonly gapId: string; readonly days: number }
  | { readonly name: 'gap add'; readonly gapId: string; readonly recordId: string; readonly days: number };

export interface KbArgs {
  /** Null: print the usage. */
  readonly command: KbCommand | null;
  readonly json: boolean;
  /** Null: `--knowledge` not given (KNOWLEDGE_DIR applies). */
  readonly knowledgeDir: string | null;
  /** Null when neither --as nor KB_MODERATOR is set: only a command that changes nothing may run. */
  readonly moderator: Moderator | null;
}

const options = {
  question: { type: 'string' },
  answer: { type: 'string' },
  alternate: { type: 'string', multiple: true },
  term: { type: 'string' },
  definition: { type: 'string' },
  alias: { type: 'string', multiple: true },
  quote: { type: 'string' },
  source: { type: 'string', multiple: true },
  related: { type: 'string', multiple: true },
  version: { type: 'string' },
  days: { type: 'string' },
  guild: { type: 'string' },
  as: { type: 'string' },
  knowledge: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof options;
const everywhere: readonly OptionName[] = ['as', 'knowledge', 'json', 'help'];
const faqFieldOptions: readonly OptionName[] = ['question', 'answer', 'alternate', 'quote', 'source', 'related'];
const termFieldOptions: readonly OptionName[] = ['term', 'definition', 'alias', 'quote', 'source'];

// Ids as the knowledge schema writes them; checked here so a typo is a usage error, not a "not found".
const recordId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'a record id is lower-case letters, digits and single hyphens (like borrowing-limit)' }).max(64);
const gapId = z.string().regex(/^[0-9a-f]{12}$/, { error: 'a gap id is the 12 hexadecimal characters `npm run kb -- gaps` shows' });
const version = z.string({ error: '--version is required: the version `open` printed' }).regex(/^[0-9a-f]{16}$/, { error: '--version is the 16 hexadecimal characters `open` printed' });
const days = z
  .string()
  .regex(/^\d+$/, { error: '--days must be a whole number of days' })
  .transform(Number)
  .refine((n) => n >= 1 && n <= 365, { error: '--days must be from 1 to 365' })
  .optional()
  .transform((n) => n ?? 7);
const guild = z.string().regex(/^\d{17,20}$/, { error: '--guild is a Discord server id (17 to 20 digits)' }).optional();
const text = (option: string) => z.string().trim().min(1, { error: `--${option} needs text` });
// A list option takes one value per use; sources and related ids may also be given comma-separated.
const idList = (values: readonly string[] | undefined) => values?.flatMap((value) => value.split(/[,\s]+/)).filter(Boolean);
const textList = (values: readonly string[] | undefined) => values?.map((value) => value.trim()).filter(Boolean);
const moderatorName = z
  .string()
  .trim()
  .min(1, { error: 'needs a name' })
  .max(100, { error: 'is at most 100 characters' })
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { error: 'may not hold control characters' });

type Values = { -readonly [K in OptionName]?: (typeof options)[K] extends { multiple: true } ? string[] : (typeof options)[K] extends { type: 'boolean' } ? boolean : string };

/** Parses `npm run kb` arguments; throws KbUsageError with a message for the terminal. */
export function parseKbArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): KbArgs {
  let parsed;
  try {
    // `npm run kb -- faq add -- --json` hands the script a second `--`: it separates nothing here.
    parsed = parseArgs({ args: argv.filter((arg) => arg !== '--'), allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new KbUsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Values;
  const words = parsed.positionals;
  const knowledgeDir = values.knowledge === undefined ? null : path.resolve(check(text('knowledge'), values.knowledge));
  const moderator = moderatorOf(values.as, env);
  const base = { json: values.json ?? false, knowledgeDir, moderator };
  if (values.help || words.length === 0) return { ...base, command: null };
  return { ...base, command: commandOf(words, values) };
}

function moderatorOf(option: string | undefined, env: NodeJS.ProcessEnv): Moderator | null {
  const [value, from] = option !== undefined ? [option, '--as'] : [env.KB_MODERATOR, 'KB_MODERATOR'];
  if (value === undefined || (from === 'KB_MODERATOR' && value.trim() === '')) return null;
  const name = moderatorName.safeParse(value);
  if (!name.success) throw new KbUsageError(`${from} ${name.error.issues[0]?.message ?? 'is not a name'}`);
  // Not a Discord user: the audit log's id says the change was made in a terminal.
  return { id: 'terminal', tag: name.data };
}

function commandOf(words: readonly string[], values: Values): KbCommand {
  const [first, second, ...rest] = words;
  if (first === 'faq' || first === 'term') return recordCommand(first, second, rest, values);
  if (first === 'new-id') {
    allow(values, []);
    return { name: 'new-id', title: check(text('title'), words.slice(1).join(' ') || undefined, 'new-id needs the question or term to make an id from') };
  }
  if (first === 'alternate') {
    allow(values, []);
    return { name: 'alternate', recordId: check(recordId, second, 'alternate needs the FAQ record id, then the question'), question: check(text('question'), rest.join(' ') || undefined, 'alternate needs the question after the record id') };
  }
  if (first === 'gaps') {
    allow(values, ['days', 'guild']);
    positionalsAtMost(words, 1);
    return { name: 'gaps', days: check(days, values.days), guildId: check(guild, values.guild) ?? null };
  }
  if (first === 'gap') {
    allow(values, ['days']);
    const action = z.enum(['records', 'dismiss', 'add'], { error: 'gap needs records, dismiss or add' }).safeParse(second);
    if (!action.success) throw new KbUsageError(action.error.issues[0]!.message);
    const gap = check(gapId, rest[0], `gap ${action.data} needs a gap id`);
    const window = check(days, values.days);
    if (action.data === 'add') {
      positionalsAtMost(words, 4);
      return { name: 'gap add', gapId: gap, recordId: check(recordId, rest[1], 'gap add needs the FAQ record id after the gap id'), days: window };
    }
    positionalsAtMost(words, 3);
    return { name: `gap ${action.data}`, gapId: gap, days: window };
  }
  throw new KbUsageError(`unknown command "${first}": use faq, term, new-id, alternate, gaps or gap`);
}

function recordCommand(kind: RecordKind, action: string | undefined, rest: readonly string[], values: Values): KbCommand {
  const fieldOptions = kind === 'faq' ? faqFieldOptions : termFieldOptions;
  switch (action) {
    case 'add': {
      allow(values, fieldOptions);
      positionalsAtMost(rest, 0);
      return kind === 'faq' ? { name: 'add', kind, fields: faqFields(values) } : { name: 'add', kind, fields: termFields(values) };
    }
    case 'open': {
      allow(values, []);
      positionalsAtMost(rest, 1);
      return { name: 'open', kind, id: check(recordId, rest[0], `${kind} open needs a record id`) };
    }
    case 'save': {
      allow(values, [...fieldOptions, 'version']);
      positionalsAtMost(rest, 1);
      const id = check(recordId, rest[0], `${kind} save needs a record id`);
      const v = check(version, values.version);
      const command: KbCommand = kind === 'faq' ? { name: 'save', kind, id, version: v, changes: faqChanges(values) } : { name: 'save', kind, id, version: v, changes: termChanges(values) };
      if (Object.keys(command.changes).length === 0) throw new KbUsageError(`${kind} save needs at least one field to change (${fieldOptions.map((o) => `--${o}`).join(', ')})`);
      return command;
    }
    case 'remove': {
      allow(values, ['version']);
      positionalsAtMost(rest, 1);
      return { name: 'remove', kind, id: check(recordId, rest[0], `${kind} remove needs a record id`), version: check(version, values.version) };
    }
    default:
      throw new KbUsageError(`${kind} needs add, open, save or remove`);
  }
}

function faqChanges(values: Values): Partial<FaqFields> {
  return dropUndefined({
    question: values.question === undefined ? undefined : check(text('question'), values.question),
    answer: values.answer === undefined ? undefined : check(text('answer'), values.answer),
    alternates: textList(values.alternate),
    quote: values.quote?.trim(),
    sources: idList(values.source),
    related: idList(values.related),
  });
}

function termChanges(values: Values): Partial<TermFields> {
  return dropUndefined({
    term: values.term === undefined ? undefined : check(text('term'), values.term),
    definition: values.definition === undefined ? undefined : check(text('definition'), values.definition),
    aliases: textList(values.alias),
    quote: values.quote?.trim(),
    sources: idList(values.source),
  });
}

function faqFields(values: Values): FaqFields {
  const changes = faqChanges(values);
  if (changes.question === undefined || changes.answer === undefined || changes.sources === undefined) throw new KbUsageError('faq add needs --question, --answer and --source');
  const { quote, ...rest } = changes;
  return { ...rest, question: changes.question, answer: changes.answer, alternates: changes.alternates ?? [], sources: changes.sources, related: changes.related ?? [], ...(quote ? { quote } : {}) };
}

function termFields(values: Values): TermFields {
  const changes = termChanges(values);
  if (changes.term === undefined || changes.definition === undefined || changes.sources === undefined) throw new KbUsageError('term add needs --term, --definition and --source');
  const { quote, ...rest } = changes;
  return { ...rest, term: changes.term, definition: changes.definition, aliases: changes.aliases ?? [], sources: changes.sources, ...(quote ? { quote } : {}) };
}

function dropUndefined<T extends object>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/** Refuses an option this command does not take, naming it. */
function allow(values: Values, allowed: readonly OptionName[]): void {
  const stray = (Object.keys(values) as OptionName[]).filter((name) => !everywhere.includes(name) && !allowed.includes(name));
  if (stray.length > 0) throw new KbUsageError(`--${stray[0]} is not an option of this command`);
}

function positionalsAtMost(words: readonly string[], count: number): void {
  if (words.length > count) throw new KbUsageError(`unexpected argument: ${words.slice(count).join(' ')}`);
}

/** `value` as `schema` reads it, or a usage error: `missing` when it is absent, else the schema's message. */
function check<S extends z.ZodType>(schema: S, value: string | undefined, missing?: string): z.output<S> {
  if (value === undefined && missing !== undefined) throw new KbUsageError(missing);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new KbUsageError(parsed.error.issues[0]?.message ?? 'invalid value');
  return parsed.data;
}
