import type { KnowledgeWriter } from '../store/knowledgeWriter.ts';

/** The moderator side of the bot (/kb): the writer that edits the knowledge files (the store is the bot's own). */
export interface ModeratorTools {
  readonly writer: KnowledgeWriter;
}
