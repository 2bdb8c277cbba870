import type { DiscordEmulator } from './emulator/index.ts';

/** The bot's message POSTs whose body names `messageId` (the reply's message reference). */
export function botRepliesTo(emu: DiscordEmulator, messageId: string) {
  return emu.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route) && JSON.stringify(r.body).includes(messageId));
}

/**
 * The bot handles messages in order, so once it has answered a later mention, it has finished
 * with everything sent before it: a reliable way to check that it stayed silent.
 */
export async function settle(emu: DiscordEmulator, channelId: string): Promise<void> {
  const probe = emu.sendMessage({ channelId, content: 'when does the ip license expire?', mentionsBot: true });
  await emu.waitForBotMessage({ channelId, after: probe.id });
}
