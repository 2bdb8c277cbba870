// One reload measurement in a process of its own, started with the flags `npm start` gives the bot
// (`botNodeFlags`): prints the measurement as one JSON line.
import { bundledKnowledgeDir } from '../src/config/paths.ts';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.ts';
import { z } from 'zod';
import { measureReload } from './reloadDelay.ts';
import { syntheticKnowledge } from './syntheticKnowledge.ts';

const args = z.tuple([z.coerce.number().int().min(100), z.enum(['file', 'edit'])]).safeParse(process.argv.slice(2));
if (!args.success) throw new Error(`usage: reloadChild.ts RECORDS file|edit (got ${process.argv.slice(2).join(' ') || 'nothing'})`);
const [records, change] = args.data;
const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge is invalid; run npm run validate');
process.stdout.write(`${JSON.stringify(await measureReload(syntheticKnowledge(loaded.knowledge, records), change))}\n`);
