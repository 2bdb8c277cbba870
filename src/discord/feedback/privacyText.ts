import type { BotConfig } from '../../config/botConfig.ts';

/** What /privacy says: exactly what the question log keeps, for how long, and how to remove it. */
export function privacyText(config: Pick<BotConfig, 'questionLog' | 'retentionDays'>): string {
  if (!config.questionLog) {
    return '🔒 **Privacy**\nThis bot does not record the questions it answers (the question log is off). Nothing about you is stored.';
  }
  return [
    '🔒 **What this bot records**',
    'To help the moderators improve its answers, the bot records each question it handles:',
    '• the question text (up to 500 characters), when and where it was asked (server, kind of channel), and what the bot answered;',
    '• your “Helpful” / “Not helpful” votes and the suggestions you pick;',
    '• not your Discord id: only a keyed hash of it, so the moderators see questions, not who asked them.',
    "**Who sees them:** the moderators of the server that keeps this bot's answers (its knowledge server) see the questions from every server the bot is in and from DMs; moderators of any other server see only their own server's questions, and cannot change the answers.",
    `Everything is deleted after **${config.retentionDays} day${config.retentionDays === 1 ? '' : 's'}**.`,
    'Run **/forget-me** to delete everything recorded about you now: your questions, votes and picks, and the picks others made under your questions.',
  ].join('\n');
}
