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
    `Everything is deleted after **${config.retentionDays} day${config.retentionDays === 1 ? '' : 's'}**.`,
    'Run **/forget-me** to delete everything recorded about you now.',
  ].join('\n');
}
