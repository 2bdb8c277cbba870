/**
 * The moderator side of the bot (/kb), provided by the knowledge store. Kept as an interface here so
 * the Discord layer depends on what it needs, not on how the store works.
 */
export interface ModeratorTools {
  readonly placeholder?: never;
}
