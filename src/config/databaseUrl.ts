import { redactUrlCredentials } from './redactUrlCredentials.ts';

// DATABASE_URL as plain functions, as knowledgeSettings.ts is: the bot checks it with the rest of its configuration,
// and `npm run gaps` / `stats` read it without the schema library.

/**
 * Why DATABASE_URL's value cannot be a PostgreSQL connection URL, or null when it can (or is empty: SQLite in DATA_DIR).
 * The value is shown only with its user name and password replaced by `***`.
 */
export function databaseUrlProblem(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  const shown = JSON.stringify(redactUrlCredentials(trimmed).slice(0, 120));
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    // Not quoted: without a scheme, a password in it could not be told apart to hide it.
    return 'DATABASE_URL must be a PostgreSQL URL such as postgres://faqbot:PASSWORD@db.internal:5432/faqbot, or left empty to keep the question log in SQLite under DATA_DIR; its value is not a URL';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `DATABASE_URL must start with postgres:// or postgresql:// (it is ${JSON.stringify(url.protocol)}); leave it empty to keep the question log in SQLite under DATA_DIR`;
  }
  if (url.hostname === '' && !url.searchParams.has('host')) return `DATABASE_URL names no host: ${shown}; write postgres://USER:PASSWORD@HOST:5432/DATABASE`;
  if (url.pathname.replace(/^\//, '') === '') return `DATABASE_URL names no database: ${shown}; add it after the host, e.g. …@${url.host}/faqbot`;
  return null;
}

/** DATABASE_URL's value, trimmed; undefined when empty. Check it with `databaseUrlProblem` first. */
export function databaseUrlOf(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

/** The URL as logs and /healthz may show it: no user name or password. */
export function shownDatabaseUrl(url: string): string {
  return redactUrlCredentials(url);
}
