import type { APIDMChannel, APIGuildMember, APIThreadChannel, APIUser } from 'discord.js';
import { createFixtures, extraGuild, noFlags, primaryGuild, type EmulatorChannel, type Fixtures, type GuildFixture } from './fixtures.ts';
import { clone } from './json.ts';
import { channelPermissions, type PermissionContext } from './permissions.ts';
import { SnowflakeGenerator } from './snowflake.ts';
import type { EmulatorMessage } from './types.ts';

/** Discord's epoch (2015-01-01); a snowflake's top bits are milliseconds since then. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** The shard a guild's events go to: `(guild_id >> 22) % shardCount`, as Discord routes them. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The emulated world: guilds, channels, members and messages. Everything that needs "what exists on Discord" asks
 * here. The fixture guild is the default everywhere a guild is not named.
 */
export class Store {
  readonly fixtures: Fixtures = createFixtures();
  /** The fixture guild first, then the others (`EmulatorOptions.guilds`). */
  readonly guilds: GuildFixture[] = [];
  readonly ids = new SnowflakeGenerator(1n);
  readonly channels = new Map<string, EmulatorChannel>();
  readonly messages = new Map<string, EmulatorMessage>();
  readonly attachmentData = new Map<string, Buffer>();
  readonly #users = new Map<string, APIUser>();
  /** guild id → user id → member. */
  readonly #members = new Map<string, Map<string, APIGuildMember>>();
  readonly #dmByUser = new Map<string, string>();
  /** `author:nonce` → the message created with it and when, for enforce_nonce. */
  readonly #nonces = new Map<string, { messageId: string; at: number }>();
  /** Set once the HTTP server listens; attachment URLs point back at the emulator. */
  publicBase = 'http://127.0.0.1';

  /**
   * `guildCount` guilds in all. The fixture guild is on shard (its id >> 22) % shardCount, which is shard 0 for one or
   * two shards; each further guild's id is chosen so that it is on the next shard, round the ring.
   */
  constructor({ guildCount = 1, shardCount = 1 }: { guildCount?: number; shardCount?: number } = {}) {
    for (const u of Object.values(this.fixtures.users)) this.#users.set(u.id, u);
    const primary = primaryGuild(this.fixtures);
    const primaryShard = shardOf(primary.guild.id, shardCount);
    this.#addGuild(primary);
    const created = BigInt(primary.guild.id) >> 22n;
    const guildIds = new SnowflakeGenerator(2n);
    for (let index = 1; index < guildCount; index++) {
      // A creation time a few milliseconds after the fixture guild's, picked for the shard this guild should be on.
      let ms = created + 1n;
      while (Number(ms % BigInt(shardCount)) !== (primaryShard + index) % shardCount) ms++;
      const id = guildIds.next(Number(ms + DISCORD_EPOCH));
      this.#addGuild(extraGuild(primary, id, () => this.ids.next(), `Partnership FAQ Test Guild ${index + 1}`));
    }
  }

  #addGuild(guild: GuildFixture): void {
    this.guilds.push(guild);
    const { general, faq, modLog, forum } = guild.channels;
    for (const channel of [general, faq, modLog, forum]) this.channels.set(channel.id, channel);
    this.#members.set(guild.guild.id, new Map(guild.members.flatMap((m) => (m.user ? [[m.user.id, m] as const] : []))));
  }

  guild(guildId: string): GuildFixture | undefined {
    return this.guilds.find((g) => g.guild.id === guildId);
  }

  /** The guild a channel (or thread) belongs to; undefined for DMs and unknown channels. */
  guildIdOf(channelId: string): string | undefined {
    const channel = this.channels.get(channelId);
    if (!channel || channel.type === 1) return undefined;
    return channel.guild_id ?? this.guildId;
  }

  get guildId(): string {
    return this.fixtures.guildId;
  }

  get botUser(): APIUser {
    return this.fixtures.users.bot;
  }

  user(id: string): APIUser | undefined {
    return this.#users.get(id);
  }

  /** Custom authors (other bots, webhooks, new users) become known users so mentions and lookups resolve. */
  rememberUser(user: APIUser): void {
    if (!this.#users.has(user.id)) this.#users.set(user.id, user);
  }

  member(userId: string, guildId = this.guildId): APIGuildMember | undefined {
    return this.#members.get(guildId)?.get(userId);
  }

  allMembers(guildId = this.guildId): APIGuildMember[] {
    return [...(this.#members.get(guildId)?.values() ?? [])];
  }

  /** The member object without `user`, as Discord embeds it in MESSAGE_CREATE and mentions. */
  memberNoUser(userId: string, guildId = this.guildId): Omit<APIGuildMember, 'user'> | undefined {
    const m = this.member(userId, guildId);
    if (!m) return undefined;
    const { user: _user, ...rest } = m;
    return clone(rest);
  }

  channel(id: string): EmulatorChannel | undefined {
    return this.channels.get(id);
  }

  permissionContext(guildId = this.guildId): PermissionContext {
    const guild = this.guild(guildId)?.guild ?? this.fixtures.guild;
    return { guildId: guild.id, ownerId: guild.owner_id, roles: guild.roles };
  }

  /** Effective permissions of a user in a channel; threads use their parent's overwrites, as on Discord. */
  permissionsIn(userId: string, channelId: string): bigint {
    const channel = this.channels.get(channelId);
    const guildId = this.guildIdOf(channelId);
    const m = guildId === undefined ? undefined : this.member(userId, guildId);
    if (!channel || !m || !guildId || channel.type === 1) return 0n;
    const source = channel.type === 11 || channel.type === 12 ? this.channels.get(channel.parent_id ?? '') : channel;
    const overwrites = source && 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
    return channelPermissions(this.permissionContext(guildId), { userId, roleIds: m.roles }, overwrites);
  }

  dmChannelFor(userId: string): APIDMChannel {
    const existing = this.#dmByUser.get(userId);
    const found = existing ? this.channels.get(existing) : undefined;
    if (found && found.type === 1) return found;
    const recipient = this.#users.get(userId);
    const channel: APIDMChannel = {
      id: this.ids.next(),
      type: 1,
      name: null,
      last_message_id: null,
      recipients: recipient ? [clone(recipient)] : [],
      flags: noFlags(),
    };
    this.channels.set(channel.id, channel);
    this.#dmByUser.set(userId, channel.id);
    return channel;
  }

  addThread(thread: APIThreadChannel): void {
    this.channels.set(thread.id, thread);
  }

  addMessage(message: EmulatorMessage): void {
    this.messages.set(message.id, message);
    const channel = this.channels.get(message.channel_id);
    if (channel && 'last_message_id' in channel) channel.last_message_id = message.id;
  }

  /** The message `authorId` created with `nonce` within `windowMs`, if it still exists. */
  messageWithNonce(authorId: string, nonce: string | number, windowMs: number): EmulatorMessage | undefined {
    const seen = this.#nonces.get(`${authorId}:${nonce}`);
    if (!seen || Date.now() - seen.at > windowMs) return undefined;
    return this.messages.get(seen.messageId);
  }

  rememberNonce(authorId: string, nonce: string | number, messageId: string): void {
    this.#nonces.set(`${authorId}:${nonce}`, { messageId, at: Date.now() });
  }

  messagesIn(channelId: string): EmulatorMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel_id === channelId)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}
