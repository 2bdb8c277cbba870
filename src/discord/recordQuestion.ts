import type { HandledQuestion } from '../questionLog/questionLog.ts';
import type { BotContext } from './commandModule.ts';

/**
 * Logs a question the bot handled and returns its id (for the feedback buttons), or null when it is
 * not logged: no question log, or an unanswered question past the member's allowance — one member
 * asking without end must not fill the gap review. The member still gets their reply either way.
 */
export function recordQuestion(context: Pick<BotContext, 'questionLog' | 'unansweredLog'>, question: HandledQuestion): string | null {
  if (!context.questionLog) return null;
  if (question.reply.status !== 'answered' && !context.unansweredLog.take(question.userId)) return null;
  return context.questionLog.record(question);
}
