import type { ModerationService } from '../moderation/moderationService.ts';

/** The moderator side of the bot (/kb): the same service `npm run kb` drives from a terminal. */
export type ModeratorTools = ModerationService;
