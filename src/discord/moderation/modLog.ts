import type { Client } from 'discord.js';
import type { Logger } from '../logger.ts';
import { postInChannel } from '../send.ts';

/** Posts to the moderators' log channel when one is configured; a failure is logged, never thrown. */
export async function postToModLog(client: Client, channelId: string | undefined, content: string, logger: Logger): Promise<void> {
  if (!channelId) return;
  try {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) {
      logger.warn({ channelId }, 'MOD_LOG_CHANNEL_ID is not a channel the bot can post in');
      return;
    }
    await postInChannel(channel, { content });
  } catch (error) {
    logger.warn({ err: error, channelId }, 'Could not post to the mod-log channel');
  }
}
