import type { Message } from 'discord.js';
import type { ChannelKind } from '../../questionLog/questionLog.ts';

/** Where a channel question was asked, as the question log records it. */
export function channelKindOf(message: Message, addressed: 'direct' | 'passive'): ChannelKind {
  const { channel } = message;
  if (channel.isDMBased()) return 'dm';
  if (channel.isThread()) return channel.parent?.isThreadOnly() ? 'forum' : 'thread';
  return addressed === 'passive' ? 'answer_channel' : 'channel';
}
