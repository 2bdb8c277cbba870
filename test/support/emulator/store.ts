import type { APIDMChannel, APIGuildMember, APIThreadChannel, APIUser } from 'discord.js';
import { createFixtures, noFlags, type EmulatorChannel, type Fixtures } from './fixtures.ts';
import { clone } from './json.ts';
import { channelPermissions, type PermissionContext } from './permissions.ts';
import { SnowflakeGenerator } from './snowflake.ts';
import type { EmulatorMessage } from './types.ts';

/** The emulated world: channels, members and messages. Everything that needs "what exists on Discord" asks here. */
export class Store {
  readonly fixtures: Fixtures = createFixtures();
  readonly ids = new SnowflakeGenerator(1n);
  readonly channels = new Map<string, EmulatorChannel>();
  readonly messages = new Map<string, EmulatorMessage>();
  readonly attachmentData = new Map<string, Buffer>();
  readonly #users = new Map<string, APIUser>();
  readonly #members = new Map<string, APIGuildMember>();
  readonly #dmByUser = new Map<string, string>();
  /** `author:nonce` → the message created with it and when, for enforce_nonce. */
  readonly #nonces = new Map<string, { messageId: string; at: number }>();
  /** Set once the HTTP server listens; attachment URLs point back at the emulator. */
  publicBase = 'http://127.0.0.1';

  constructor() {
    const { channels, users, members } = this.fixtures;
    for (const channel of [channels.general, channels.faq, channels.modLog, channels.forum]) {
      this.channels.set(channel.id, channel);
    }
    for (const u of Object.values(users)) this.#users.set(u.id, u);
    for (const m of members) if (m.user) this.#members.set(m.user.id, m);
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

  member(userId: string): APIGuildMember | undefined {
    return this.#members.get(userId);
  }

  allMembers(): APIGuildMember[] {
    return [...this.#members.values()];
  }

  /** The member object without `user`, as Discord embeds it in MESSAGE_CREATE and mentions. */
  memberNoUser(userId: string): Omit<APIGuildMember, 'user'> | undefined {
    const m = this.#members.get(userId);
    if (!m) return undefined;
    const { user: _user, ...rest } = m;
    return clone(rest);
  }

  channel(id: string): EmulatorChannel | undefined {
    return this.channels.get(id);
  }

  permissionContext(): PermissionContext {
    return { guildId: this.guildId, ownerId: this.fixtures.guild.owner_id, roles: this.fixtures.guild.roles };
  }

  /** Effective permissions of a user in a channel; threads use their parent's overwrites, as on Discord. */
  permissionsIn(userId: string, channelId: string): bigint {
    const channel = this.channels.get(channelId);
    const m = this.#members.get(userId);
    if (!channel || !m || channel.type === 1) return 0n;
    const source = channel.type === 11 || channel.type === 12 ? this.channels.get(channel.parent_id ?? '') : channel;
    const overwrites = source && 'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
    return channelPermissions(this.permissionContext(), { userId, roleIds: m.roles }, overwrites);
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
