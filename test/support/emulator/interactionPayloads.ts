import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import { clone, isObject, type JsonObject } from './json.ts';
import { Permission, combine } from './permissions.ts';
import type { Store } from './store.ts';

/** An option as a test writes it. `type` may be omitted when the command is registered (taken from the definition). */
export interface CommandOptionInput {
  name: string;
  type?: number;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  /** Autocomplete only: the option the user is typing in. */
  focused?: boolean;
}

export interface InteractionTarget {
  id: string;
  token: string;
  applicationId: string;
  userId: string;
  channelId: string;
  dm: boolean;
}

/** Discord's fixed bot permissions inside a DM with the user. */
const DM_APP_PERMISSIONS = combine(
  Permission.ViewChannel,
  Permission.SendMessages,
  Permission.EmbedLinks,
  Permission.AttachFiles,
  Permission.ReadMessageHistory,
  Permission.AddReactions,
  Permission.UseExternalEmojis,
  Permission.MentionEveryone,
);

/** 10 MiB: the upload limit of an unboosted guild, which Discord reports on every interaction. */
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** Fields every interaction shares: who, where, with which permissions. */
export function interactionBase(store: Store, t: InteractionTarget, type: number): JsonObject {
  const user = store.user(t.userId);
  if (!user) throw new Error(`Unknown user ${t.userId}; use one of emulator.users or sendMessage's custom author`);
  const base: JsonObject = {
    id: t.id,
    application_id: t.applicationId,
    type,
    token: t.token,
    version: 1,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (t.dm) {
    const channel = store.dmChannelFor(t.userId);
    return {
      ...base,
      channel_id: channel.id,
      channel: clone(channel),
      user: clone(user),
      app_permissions: DM_APP_PERMISSIONS.toString(),
      authorizing_integration_owners: { '0': '0' },
      context: 1,
    };
  }
  const channel = store.channel(t.channelId);
  if (!channel) throw new Error(`Unknown channel ${t.channelId}`);
  const guildId = store.guildIdOf(channel.id) ?? store.guildId;
  const guild = store.guild(guildId)?.guild ?? store.fixtures.guild;
  const member = store.member(t.userId, guildId);
  if (!member) throw new Error(`User ${t.userId} is not a member of the guild`);
  const permissions = store.permissionsIn(t.userId, t.channelId);
  if (!(permissions & Permission.ViewChannel)) {
    throw new Error(`User ${user.username} cannot see channel ${t.channelId}, so Discord could not send this interaction`);
  }
  return {
    ...base,
    guild_id: guildId,
    guild: { id: guildId, locale: guild.preferred_locale, features: [] },
    guild_locale: guild.preferred_locale,
    channel_id: channel.id,
    channel: { ...clone(channel), permissions: permissions.toString() },
    member: { ...clone(member), user: clone(user), permissions: permissions.toString(), unusual_dm_activity_until: null },
    app_permissions: store.permissionsIn(store.botUser.id, t.channelId).toString(),
    authorizing_integration_owners: { '0': guildId },
    context: 0,
  };
}

function inferType(input: CommandOptionInput): number {
  if (input.options) return 1;
  if (typeof input.value === 'boolean') return 5;
  if (typeof input.value === 'number') return Number.isInteger(input.value) ? 4 : 10;
  return 3;
}

/**
 * Turns test input into the option tree Discord sends. When the command is registered, options are checked against
 * the definition so a test can't send something Discord's client never would (unknown option, missing required one,
 * value outside the declared choices).
 */
export function normaliseOptions(
  inputs: readonly CommandOptionInput[],
  defs: readonly APIApplicationCommandOption[] | undefined,
  mode: 'command' | 'autocomplete',
  where: string,
): JsonObject[] {
  const out: JsonObject[] = [];
  for (const input of inputs) {
    const def = defs?.find((d) => d.name === input.name);
    if (defs && !def) {
      throw new Error(`${where}: option "${input.name}" is not registered (known: ${defs.map((d) => d.name).join(', ') || 'none'})`);
    }
    const type = input.type ?? def?.type ?? inferType(input);
    if (type === 1 || type === 2) {
      const childDefs = def && 'options' in def ? (def.options as APIApplicationCommandOption[] | undefined) ?? [] : undefined;
      out.push({ name: input.name, type, options: normaliseOptions(input.options ?? [], childDefs, mode, `${where} ${input.name}`) });
      continue;
    }
    if (input.value === undefined) throw new Error(`${where}: option "${input.name}" needs a value`);
    const choices = def && 'choices' in def ? (def.choices as { value: unknown }[] | undefined) : undefined;
    if (mode === 'command' && choices && choices.length > 0 && !choices.some((c) => c.value === input.value)) {
      throw new Error(`${where}: ${JSON.stringify(input.value)} is not one of the declared choices for "${input.name}"`);
    }
    // While typing, Discord sends the raw text even for numeric options.
    const value = mode === 'autocomplete' && input.focused ? String(input.value) : input.value;
    out.push({ name: input.name, type, value, ...(input.focused ? { focused: true } : {}) });
  }
  if (defs && mode === 'command' && !out.some((o) => o['type'] === 1 || o['type'] === 2)) {
    const missing = defs.filter((d) => 'required' in d && d.required === true && !inputs.some((i) => i.name === d.name));
    if (missing.length > 0) throw new Error(`${where}: required option(s) missing: ${missing.map((d) => d.name).join(', ')}`);
  }
  return out;
}

/** Builds data.resolved for user/channel/role/mentionable options, as Discord does. */
export function resolveOptions(store: Store, options: readonly JsonObject[], viewerChannelId: string): JsonObject | undefined {
  const users: JsonObject = {};
  const members: JsonObject = {};
  const roles: JsonObject = {};
  const channels: JsonObject = {};
  const addUser = (id: string): boolean => {
    const u = store.user(id);
    if (!u) return false;
    users[id] = clone(u);
    const m = store.memberNoUser(id);
    if (m) members[id] = { ...m, permissions: store.permissionsIn(id, viewerChannelId).toString() };
    return true;
  };
  const addRole = (id: string): boolean => {
    const r = store.fixtures.guild.roles.find((role) => role.id === id);
    if (r) roles[id] = clone(r);
    return r !== undefined;
  };
  const walk = (list: readonly JsonObject[]): void => {
    for (const o of list) {
      const value = String(o['value'] ?? '');
      if (o['type'] === 6) addUser(value);
      else if (o['type'] === 8) addRole(value);
      else if (o['type'] === 9) {
        if (!addUser(value)) addRole(value);
      } else if (o['type'] === 7) {
        const c = store.channel(value);
        if (c) channels[value] = { ...clone(c), permissions: store.permissionsIn(store.botUser.id, value).toString() };
      }
      const nested = o['options'];
      if (Array.isArray(nested)) walk(nested.filter(isObject));
    }
  };
  walk(options);
  const resolved: JsonObject = {};
  if (Object.keys(users).length) resolved['users'] = users;
  if (Object.keys(members).length) resolved['members'] = members;
  if (Object.keys(roles).length) resolved['roles'] = roles;
  if (Object.keys(channels).length) resolved['channels'] = channels;
  return Object.keys(resolved).length ? resolved : undefined;
}

export function commandData(
  command: APIApplicationCommand | undefined,
  fallbackId: string,
  name: string,
  options: JsonObject[],
  resolved: JsonObject | undefined,
): JsonObject {
  return {
    id: command?.id ?? fallbackId,
    name,
    type: 1,
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(resolved ? { resolved } : {}),
  };
}

/** Finds a component by custom_id anywhere in a message's component tree. */
export function findComponent(components: readonly unknown[] | undefined, customId: string): JsonObject | undefined {
  for (const raw of components ?? []) {
    if (!isObject(raw)) continue;
    if (raw['custom_id'] === customId) return raw;
    for (const key of ['components', 'accessory', 'component'] as const) {
      const child = raw[key];
      const list = Array.isArray(child) ? child : isObject(child) ? [child] : [];
      const found = findComponent(list, customId);
      if (found) return found;
    }
  }
  return undefined;
}

/** Text inputs of a modal, in order, whichever layout (action rows or labels) the bot used. */
export function modalTextInputs(modal: JsonObject): { customId: string; layout: 'row' | 'label'; id: unknown; required: boolean; min: number; max: number }[] {
  const inputs: { customId: string; layout: 'row' | 'label'; id: unknown; required: boolean; min: number; max: number }[] = [];
  const components = Array.isArray(modal['components']) ? modal['components'] : [];
  for (const raw of components) {
    if (!isObject(raw)) continue;
    const candidates: [JsonObject, 'row' | 'label'][] = [];
    if (raw['type'] === 1 && Array.isArray(raw['components'])) {
      for (const c of raw['components']) if (isObject(c)) candidates.push([c, 'row']);
    } else if (raw['type'] === 18 && isObject(raw['component'])) {
      candidates.push([raw['component'], 'label']);
    }
    for (const [c, layout] of candidates) {
      if (c['type'] !== 4 || typeof c['custom_id'] !== 'string') continue;
      inputs.push({
        customId: c['custom_id'],
        layout,
        id: c['id'],
        required: c['required'] !== false,
        min: typeof c['min_length'] === 'number' ? c['min_length'] : 0,
        max: typeof c['max_length'] === 'number' ? c['max_length'] : 4000,
      });
    }
  }
  return inputs;
}
