// One reload measurement in a process of its own, started with the flags `npm start` gives the bot
// (`botNodeFlags`): prints the measurement as one JSON line.
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import { measureReload } from './reloadDelay.ts';
import { syntheticKnowledge } from './syntheticKnowledge.ts';

const records = Number(process.argv[2]);
if (!Number.isInteger(records) || records < 100) throw new Error(`usage: reloadChild.ts RECORDS (got ${process.argv[2] ?? 'nothing'})`);
const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
process.stdout.write(`${JSON.stringify(await measureReload(syntheticKnowledge(loaded.knowledge, records)))}\n`);
