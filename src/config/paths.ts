import { fileURLToPath } from 'node:url';

// This module is src/config/paths.ts when run from sources (tsx, vitest) and dist/src/config/paths.js
// when compiled (npm start): one folder deeper. The extension says which, whatever the folders are called.
const compiled = import.meta.url.endsWith('.js');
const rootUrl = new URL(compiled ? '../../../' : '../../', import.meta.url);

/** The project folder (package.json, knowledge/), from sources and from the build alike. */
export const projectRoot = fileURLToPath(rootUrl);

/** The knowledge folder shipped with the bot, wherever the process was started from. */
export const bundledKnowledgeDir = fileURLToPath(new URL('knowledge/', rootUrl));
