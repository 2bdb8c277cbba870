import { UserFacingError } from './commandModule.ts';
import type { Logger } from './logger.ts';

export const apology = 'Sorry, something went wrong while answering. The moderators can find the details in the bot log.';

/**
 * What the member hears when handling their interaction or message failed: a UserFacingError's own words (logged as
 * a refusal), or, for anything else, a short apology while the error is logged in full and counted.
 */
export function failureReply(error: unknown, log: Logger, what: 'interaction' | 'message', countFailure: () => void = () => undefined): string {
  if (error instanceof UserFacingError) {
    log.info({ reason: error.message }, `Refused ${what}`);
    return error.message;
  }
  log.error({ err: error }, `${what[0]!.toUpperCase()}${what.slice(1)} handler failed`);
  countFailure();
  return apology;
}
