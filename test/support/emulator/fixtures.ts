import type {
  APIDMChannel,
  APIGuild,
  APIGuildForumChannel,
  APIGuildMember,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
} from 'discord.js';
import { Permission, combine } from './permissions.ts';
import { SnowflakeGenerator } from './snowflake.ts';

export interface FixtureUsers {
  bot: APIUser;
  owner: APIUser;
  moderator: APIUser;
  member: APIUser;
}

export interface FixtureRoles {
  /** id === guild id, as on Discord. */
  everyone: APIRole;
  moderator: APIRole;
  member: APIRole;
  /** The managed integration role Discord gives a bot when it joins. */
  bot: APIRole;
}

export interface FixtureChannels {
  general: APITextChannel;
  /** Where the FAQ bot posts answers. */
  faq: APITextChannel;
  /** Hidden from @everyone; visible to moderators and the bot. */
  modLog: APITextChannel;
  forum: APIGuildForumChannel;
}

/** Guild channels the emulator can hold: the fixtures plus threads and DMs created at runtime. */
export type EmulatorChannel = APITextChannel | APIGuildForumChannel | APIThreadChannel | APIDMChannel;

export interface Fixtures {
  applicationId: string;
  guildId: string;
  guild: APIGuild;
  users: FixtureUsers;
  roles: FixtureRoles;
  channels: FixtureChannels;
  /** Members including the owner, each with its user. */
  members: APIGuildMember[];
  joinedAt: string;
}

/** Bitfield enums have no 0 member, but "no flags" is exactly what Discord sends for most objects. */
export function noFlags<T extends number>(): T {
  return 0 as T;
}

function user(id: string, username: string, globalName: string | null, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: globalName,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    banner: null,
    accent_color: null,
    flags: noFlags(),
    public_flags: noFlags(),
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

function role(
  id: string,
  name: string,
  position: number,
  permissions: bigint,
  extra: Partial<APIRole> = {},
): APIRole {
  const color = extra.color ?? 0;
  return {
    id,
    name,
    color,
    colors: { primary_color: color, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: noFlags(),
    ...extra,
  };
}

function textChannel(
  id: string,
  guildId: string,
  name: string,
  position: number,
  topic: string | null,
  permissionOverwrites: APITextChannel['permission_overwrites'] = [],
): APITextChannel {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position,
    parent_id: null,
    topic,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: permissionOverwrites,
    flags: noFlags(),
    default_auto_archive_duration: 4320,
    default_thread_rate_limit_per_user: 0,
    last_pin_timestamp: null,
  };
}

function member(u: APIUser, roles: string[], joinedAt: string): APIGuildMember {
  return {
    user: u,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: noFlags(),
    pending: false,
    communication_disabled_until: null,
  };
}

/**
 * Builds the one guild the bot lives in. Ids are minted from a fixed instant so they are stable between runs
 * (handy in snapshots) while still decoding to a plausible creation date.
 */
export function createFixtures(): Fixtures {
  const ids = new SnowflakeGenerator(0n);
  const at = Date.UTC(2024, 0, 15, 12, 0, 0);
  const next = (): string => ids.next(at);

  const applicationId = next();
  const guildId = next();
  const users: FixtureUsers = {
    // A modern bot's user id equals its application id.
    bot: user(applicationId, 'faq-bot', 'FAQ Bot', true),
    owner: user(next(), 'guild.owner', 'Guild Owner'),
    moderator: user(next(), 'mod.molly', 'Mod Molly'),
    member: user(next(), 'member.max', 'Member Max'),
  };

  const everyoneRoleId = guildId;
  const roles: FixtureRoles = {
    everyone: role(
      everyoneRoleId,
      '@everyone',
      0,
      combine(
        Permission.ViewChannel,
        Permission.SendMessages,
        Permission.ReadMessageHistory,
        Permission.AddReactions,
        Permission.EmbedLinks,
        Permission.AttachFiles,
        Permission.UseApplicationCommands,
        Permission.SendMessagesInThreads,
        Permission.CreatePublicThreads,
      ),
    ),
    member: role(next(), 'Member', 1, 0n, { color: 0x3498db }),
    moderator: role(
      next(),
      'Moderator',
      2,
      combine(Permission.ManageGuild, Permission.ManageMessages, Permission.ManageThreads, Permission.ModerateMembers),
      { color: 0xe67e22, hoist: true, mentionable: true },
    ),
    bot: role(
      next(),
      'FAQ Bot',
      3,
      combine(
        Permission.ViewChannel,
        Permission.SendMessages,
        Permission.SendMessagesInThreads,
        Permission.EmbedLinks,
        Permission.AttachFiles,
        Permission.ReadMessageHistory,
        Permission.AddReactions,
        Permission.UseExternalEmojis,
      ),
      { managed: true, tags: { bot_id: applicationId } },
    ),
  };

  const view = Permission.ViewChannel.toString();
  const viewSend = combine(Permission.ViewChannel, Permission.SendMessages, Permission.EmbedLinks).toString();
  const channels: FixtureChannels = {
    general: textChannel(next(), guildId, 'general', 0, 'Anything goes'),
    faq: textChannel(next(), guildId, 'faq', 1, 'Ask questions here; the FAQ bot answers'),
    modLog: textChannel(next(), guildId, 'mod-log', 2, 'Moderator-only audit trail', [
      { id: everyoneRoleId, type: 0, allow: '0', deny: view },
      { id: '', type: 0, allow: viewSend, deny: '0' },
      { id: '', type: 0, allow: viewSend, deny: '0' },
    ]),
    forum: {
      id: next(),
      type: 15,
      guild_id: guildId,
      name: 'questions',
      position: 3,
      parent_id: null,
      topic: 'Long-form questions; one thread per question',
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      permission_overwrites: [],
      flags: noFlags(),
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      default_auto_archive_duration: 4320,
      default_thread_rate_limit_per_user: 0,
    },
  };
  // Overwrite ids are filled in here because the role ids only exist after the roles object is built.
  const modLogOverwrites = channels.modLog.permission_overwrites ?? [];
  const [, modOverwrite, botOverwrite] = modLogOverwrites;
  if (modOverwrite) modOverwrite.id = roles.moderator.id;
  if (botOverwrite) botOverwrite.id = roles.bot.id;

  const joinedAt = new Date(at).toISOString();
  const members = [
    member(users.bot, [roles.bot.id], joinedAt),
    member(users.owner, [], joinedAt),
    member(users.moderator, [roles.moderator.id, roles.member.id], joinedAt),
    member(users.member, [roles.member.id], joinedAt),
  ];

  const guild: APIGuild = {
    id: guildId,
    name: 'Partnership FAQ Test Guild',
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: users.owner.id,
    region: 'us-east',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: [roles.everyone, roles.member, roles.moderator, roles.bot],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: channels.general.id,
    system_channel_flags: noFlags(),
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };

  return { applicationId, guildId, guild, users, roles, channels, members, joinedAt };
}

/** One guild the bot is in: the fixture guild, or another made by `extraGuild`. */
export interface GuildFixture {
  guild: APIGuild;
  roles: FixtureRoles;
  channels: FixtureChannels;
  /** Members including the owner, each with its user. */
  members: APIGuildMember[];
  joinedAt: string;
}

export function primaryGuild(fixtures: Fixtures): GuildFixture {
  const { guild, roles, channels, members, joinedAt } = fixtures;
  return { guild, roles, channels, members, joinedAt };
}

/**
 * Another guild with the same layout, users and permissions as the fixture guild, under new ids: `guildId` for the
 * guild (and its @everyone role), fresh ones from `nextId` for its other roles and channels. The users are the same
 * people, members of both.
 */
export function extraGuild(base: GuildFixture, guildId: string, nextId: () => string, name: string): GuildFixture {
  const remap = new Map<string, string>([[base.guild.id, guildId]]);
  for (const role of Object.values(base.roles)) if (role.id !== base.guild.id) remap.set(role.id, nextId());
  for (const channel of Object.values(base.channels)) remap.set(channel.id, nextId());
  // Ids are unique 17–20 digit strings, so replacing them as whole JSON strings cannot touch anything else.
  const text = JSON.stringify(base).replace(/"(\d{17,20})"/g, (whole, id: string) => (remap.has(id) ? `"${remap.get(id)}"` : whole));
  const copy = JSON.parse(text) as GuildFixture;
  copy.guild.name = name;
  return copy;
}
