// The questions of the BANKING77 FAQ benchmark (the `intents` folder of the shared evaluation data,
// read where it lies, never copied into the project), chosen as its runner chooses them: the
// knowledge takes each intent's first 5 or 10 usable training utterances; `val` is each intent's
// training utterances 11 to 30 that the knowledge did not take (fit on these), `test` the test file
// (report on it, never fit).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizeText } from '../src/text/normalizeText.ts';

export interface LabelledQuestion {
  readonly text: string;
  /** The record that answers it: `faq:<intent slug>`. */
  readonly key: string;
}

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuotes = false;
      continue;
    }
    if (c === '"') inQuotes = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const rowSchema = z.tuple([z.string(), z.string().min(1)]);

function readUtterances(dir: string, file: string): { text: string; intent: string }[] {
  return csvRows(readFileSync(path.join(dir, file), 'utf8'))
    .slice(1)
    .map((row, i) => {
      const parsed = rowSchema.safeParse(row);
      if (!parsed.success) throw new Error(`${path.join(dir, file)}: row ${i + 2} is not "text,category"`);
      return { text: parsed.data[0].replace(/\s+/g, ' ').trim(), intent: parsed.data[1] };
    });
}

export const slugOfIntent = (intent: string) =>
  intent
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function intentQuestions(dir: string, shots: 5 | 10, set: 'val' | 'test'): LabelledQuestion[] {
  const intents = z.array(z.string().min(1)).parse(JSON.parse(readFileSync(path.join(dir, 'categories.json'), 'utf8')));
  const label = (row: { text: string; intent: string }) => ({ text: row.text, key: `faq:${slugOfIntent(row.intent)}` });
  if (set === 'test') return readUtterances(dir, 'test.csv').map(label);
  const train = readUtterances(dir, 'train.csv');
  // The rows the knowledge took: per intent, the first `shots` of at most 100 characters whose
  // normalised text no earlier phrasing claimed.
  const claimed = new Set<string>();
  const taken = new Set<(typeof train)[number]>();
  for (const intent of intents) {
    let count = 0;
    for (const row of train) {
      if (row.intent !== intent || count === shots) continue;
      const key = normalizeText(row.text);
      if (row.text.length > 100 || !key || claimed.has(key)) continue;
      claimed.add(key);
      taken.add(row);
      count++;
    }
  }
  const seen = new Map<string, number>();
  return train
    .filter((row) => {
      const index = seen.get(row.intent) ?? 0;
      seen.set(row.intent, index + 1);
      return index >= 10 && index < 30 && !taken.has(row);
    })
    .map(label);
}
