import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The p-th percentile of ascending `sorted` (nearest rank); NaN for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The questions of the project's own sets `test/fixtures/<name>.jsonl`, in order. */
export function fixtureQuestions(names: readonly string[]): string[] {
  return names.flatMap((name) =>
    readFileSync(fileURLToPath(new URL(`../test/fixtures/${name}.jsonl`, import.meta.url)), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { q: string }).q),
  );
}
