import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { KnowledgeWriter } from '../store/knowledgeWriter.ts';

/** The moderator side of the bot (/kb): the live knowledge store and the writer that edits its files. */
export interface ModeratorTools {
  readonly store: KnowledgeStore;
  readonly writer: KnowledgeWriter;
}
