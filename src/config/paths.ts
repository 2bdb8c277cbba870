import { fileURLToPath } from 'node:url';

/** The knowledge folder shipped with the bot, wherever the process was started from. */
export const bundledKnowledgeDir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
