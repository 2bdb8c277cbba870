import type { APIGuildMember, GatewayGuildCreateDispatchData, GatewayReadyDispatchData } from 'discord.js';
import { clone, type JsonObject } from './json.ts';
import { shardOf, type Store } from './store.ts';
import type { EmulatorMessage } from './types.ts';

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
} as const;

/** Highest intent Discord defines today is DIRECT_MESSAGE_POLLS (1 << 25); anything above is invalid (close 4013). */
export const MAX_INTENTS = (1 << 26) - 1;

/** GATEWAY_MESSAGE_CONTENT(_LIMITED), GATEWAY_GUILD_MEMBERS(_LIMITED), GATEWAY_PRESENCE(_LIMITED) application flags. */
export function applicationFlags(privileged: { guildMembers: boolean; guildPresences: boolean; messageContent: boolean }): number {
  let flags = 0;
  if (privileged.guildPresences) flags |= 1 << 12;
  if (privileged.guildMembers) flags |= 1 << 14;
  if (privileged.messageContent) flags |= 1 << 18;
  return flags;
}

/** The guilds whose events go to shard `[id, count]`. */
export function guildsOnShard(store: Store, [id, count]: readonly [number, number]): string[] {
  return store.guilds.map((g) => g.guild.id).filter((guildId) => shardOf(guildId, count) === id);
}

export function readyPayload(store: Store, sessionId: string, resumeUrl: string, appFlags: number, shard: readonly [number, number]): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...clone(store.botUser), verified: true, mfa_enabled: false },
    guilds: guildsOnShard(store, shard).map((id) => ({ id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard: [shard[0], shard[1]],
    application: { id: store.fixtures.applicationId, flags: appFlags, flags_new: String(appFlags) },
  };
}

/**
 * GUILD_CREATE as a bot sees it. Without GUILD_PRESENCES Discord only includes the bot's own member (and members in
 * voice), so a bot that reads other members from the cache breaks here exactly as it would in production.
 */
export function guildCreatePayload(store: Store, intents: number, guildId = store.guildId): GatewayGuildCreateDispatchData {
  const fixture = store.guild(guildId);
  if (!fixture) throw new Error(`Unknown guild ${guildId}`);
  const everyone = (intents & Intent.GuildPresences) !== 0;
  const members: APIGuildMember[] = store.allMembers(guildId).filter((m) => everyone || m.user?.id === store.botUser.id);
  const inGuild = [...store.channels.values()].filter((c) => c.type !== 1 && store.guildIdOf(c.id) === guildId);
  const channels = inGuild.filter((c) => c.type === 0 || c.type === 15);
  const threads = inGuild.filter((c) => (c.type === 11 || c.type === 12) && c.thread_metadata?.archived !== true);
  return {
    ...clone(fixture.guild),
    joined_at: fixture.joinedAt,
    large: false,
    unavailable: false,
    member_count: store.allMembers(guildId).length,
    voice_states: [],
    members: clone(members),
    channels: clone(channels) as GatewayGuildCreateDispatchData['channels'],
    threads: clone(threads) as GatewayGuildCreateDispatchData['threads'],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/**
 * MESSAGE_CREATE/UPDATE data for one session. Adds the gateway-only fields (member, channel_type) and, when the
 * session lacks MESSAGE_CONTENT, blanks what Discord blanks: content, embeds, attachments, components and polls of
 * guild messages that neither come from the bot nor mention it.
 */
export function messageEventPayload(store: Store, message: EmulatorMessage, intents: number): JsonObject | undefined {
  const inGuild = message.guild_id !== undefined;
  if (!(intents & (inGuild ? Intent.GuildMessages : Intent.DirectMessages))) return undefined;
  const channel = store.channel(message.channel_id);
  const data: JsonObject = { ...clone(message) };
  if (channel) data['channel_type'] = channel.type;
  if (inGuild) {
    // Gateway-only extras: the author's member and each mentioned user's member.
    const member = message.webhook_id ? undefined : store.memberNoUser(message.author.id, message.guild_id);
    if (member) data['member'] = member;
    data['mentions'] = message.mentions.map((u) => {
      const m = store.memberNoUser(u.id, message.guild_id);
      return m ? { ...clone(u), member: m } : clone(u);
    });
  }
  const botId = store.botUser.id;
  const visible =
    (intents & Intent.MessageContent) !== 0 ||
    !inGuild ||
    message.author.id === botId ||
    message.mentions.some((u) => u.id === botId);
  if (!visible) {
    data['content'] = '';
    data['embeds'] = [];
    data['attachments'] = [];
    data['components'] = [];
    delete data['poll'];
  }
  return data;
}
