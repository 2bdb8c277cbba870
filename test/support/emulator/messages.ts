import type { APIAttachment, APIEmbed, APIMessageInteractionMetadata, APIMessageTopLevelComponent, APIUser } from 'discord.js';
import { Errors, FormErrors } from './errors.ts';
import type { EmulatorChannel } from './fixtures.ts';
import { isEmptyMessage } from './limits.ts';
import { asArray, asNumber, asObject, asString, clone, isObject, type JsonObject } from './json.ts';
import { Permission } from './permissions.ts';
import type { Store } from './store.ts';
import type { EmulatorMessage } from './types.ts';

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ComposeOptions {
  channel: EmulatorChannel;
  author: APIUser;
  /** The message fields as the bot (or test) sent them. */
  body: JsonObject;
  files?: FilePart[];
  type?: number;
  /**
   * Messages created through the API honour `allowed_mentions`; messages the test injects as users mention freely,
   * which is what a human typing `<@id>` does.
   */
  viaApi: boolean;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  /** Fixed id, for thread starter messages whose id equals the thread id. */
  id?: string;
  position?: number;
  /** For injected replies: whether the reply pings the replied-to author (Discord's default is yes). */
  replyPing?: boolean;
  /** Flags forced by the emulator (e.g. LOADING on a deferred response) on top of the payload's flags. */
  extraFlags?: number;
}

const USER_MENTION = /<@!?(\d{17,20})>/g;
const ROLE_MENTION = /<@&(\d{17,20})>/g;
const EVERYONE_MENTION = /@(everyone|here)\b/;
const MESSAGE_FLAG_LOADING = 1 << 7;

interface MentionResult {
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
}

function uniqueMatches(content: string, pattern: RegExp): string[] {
  return [...new Set([...content.matchAll(pattern)].map((m) => m[1] ?? ''))].filter(Boolean);
}

/**
 * Works out who actually gets pinged. For API messages this applies allowed_mentions exactly as Discord does: with no
 * allowed_mentions everything parses (and a reply pings its author); with one present only what it lists pings.
 */
function resolveMentions(store: Store, opts: ComposeOptions, content: string, replyTarget: EmulatorMessage | undefined): MentionResult {
  const inGuild = opts.channel.type !== 1;
  const am = opts.viaApi ? asObject(opts.body['allowed_mentions']) : undefined;
  const parse = am ? (asArray(am['parse']) ?? []) : ['users', 'roles', 'everyone'];
  const allowUsers = new Set((am ? asArray(am['users']) : undefined)?.filter((v): v is string => typeof v === 'string'));
  const allowRoles = new Set((am ? asArray(am['roles']) : undefined)?.filter((v): v is string => typeof v === 'string'));

  const userIds = uniqueMatches(content, USER_MENTION).filter((id) => parse.includes('users') || allowUsers.has(id));
  if (replyTarget) {
    const ping = opts.viaApi ? (am ? am['replied_user'] === true : true) : (opts.replyPing ?? true);
    if (ping && !userIds.includes(replyTarget.author.id)) userIds.push(replyTarget.author.id);
  }
  const mentions = userIds.map((id) => store.user(id)).filter((u): u is APIUser => u !== undefined).map((u) => clone(u));

  const authorPerms = inGuild ? store.permissionsIn(opts.author.id, opts.channel.id) : 0n;
  const canPingAnyRole = !opts.viaApi || (authorPerms & Permission.MentionEveryone) !== 0n;
  const mention_roles = uniqueMatches(content, ROLE_MENTION).filter((id) => {
    const role = store.fixtures.guild.roles.find((r) => r.id === id);
    if (!role || !inGuild) return false;
    if (!(parse.includes('roles') || allowRoles.has(id))) return false;
    return role.mentionable || canPingAnyRole;
  });
  const mention_everyone =
    inGuild && EVERYONE_MENTION.test(content) && parse.includes('everyone') && canPingAnyRole;
  return { mentions, mention_roles, mention_everyone };
}

function normaliseEmbeds(raw: unknown): APIEmbed[] {
  const list = asArray(raw) ?? [];
  return list.filter(isObject).map((e) => ({ type: 'rich', ...clone(e) }) as APIEmbed);
}

/** Discord numbers every component in a message; bots that look components up by id rely on it. */
function numberComponents(raw: unknown): APIMessageTopLevelComponent[] {
  const list = clone(asArray(raw) ?? []);
  let next = 1;
  const walk = (items: unknown[]): void => {
    for (const item of items) {
      if (!isObject(item)) continue;
      if (item['id'] === undefined) item['id'] = next;
      next = Math.max(next, (asNumber(item['id']) ?? next) + 1);
      const nested = asArray(item['components']);
      if (nested) walk(nested);
      const accessory = asObject(item['accessory']);
      if (accessory) walk([accessory]);
      const component = asObject(item['component']);
      if (component) walk([component]);
    }
  };
  walk(list);
  return list as APIMessageTopLevelComponent[];
}

function fileIndex(field: string): string {
  const m = /^files\[(\d+)\]$/.exec(field);
  return m?.[1] ?? field;
}

/** Turns uploaded parts into attachment objects, matching them to the payload's `attachments` metadata by index. */
function buildAttachments(store: Store, channelId: string, body: JsonObject, files: FilePart[], keep: APIAttachment[]): APIAttachment[] {
  const meta = (asArray(body['attachments']) ?? []).filter(isObject);
  const result = [...keep];
  for (const file of files) {
    const index = fileIndex(file.field);
    const info = meta.find((a) => String(a['id']) === index);
    const id = store.ids.next();
    const filename = asString(info?.['filename']) ?? file.filename;
    const description = asString(info?.['description']);
    store.attachmentData.set(id, file.data);
    const url = `${store.publicBase}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    result.push({
      id,
      filename,
      ...(description !== undefined ? { description } : {}),
      content_type: file.contentType,
      size: file.data.length,
      url,
      proxy_url: url,
    });
  }
  return result;
}

function findReference(store: Store, opts: ComposeOptions, body: JsonObject): EmulatorMessage | undefined {
  const ref = asObject(body['message_reference']);
  if (!ref) return undefined;
  const messageId = asString(ref['message_id']);
  const target = messageId ? store.messages.get(messageId) : undefined;
  const sameChannel = target && target.channel_id === (asString(ref['channel_id']) ?? opts.channel.id);
  if (target && sameChannel) return target;
  if (ref['fail_if_not_exists'] === false) return undefined;
  const errors = new FormErrors();
  errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
  errors.throwIfAny();
  return undefined;
}

export function composeMessage(store: Store, opts: ComposeOptions): EmulatorMessage {
  const { body, channel } = opts;
  const content = asString(body['content']) ?? '';
  const reference = findReference(store, opts, body);
  const flags = ((asNumber(body['flags']) ?? 0) | (opts.extraFlags ?? 0)) >>> 0;
  const inGuild = channel.type !== 1;
  const id = opts.id ?? store.ids.next();
  const message: EmulatorMessage = {
    id,
    channel_id: channel.id,
    ...(inGuild ? { guild_id: store.guildIdOf(channel.id) ?? store.guildId } : {}),
    author: clone(opts.author),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body['tts'] === true,
    ...resolveMentions(store, opts, content, reference),
    attachments: buildAttachments(store, channel.id, body, opts.files ?? [], []),
    embeds: normaliseEmbeds(body['embeds']),
    components: numberComponents(body['components']),
    pinned: false,
    type: (reference && (opts.type ?? 0) === 0 ? 19 : (opts.type ?? 0)) as EmulatorMessage['type'],
    flags: flags as NonNullable<EmulatorMessage['flags']>,
  };
  const nonce = body['nonce'];
  if (typeof nonce === 'string' || typeof nonce === 'number') message.nonce = nonce;
  if (opts.webhookId) message.webhook_id = opts.webhookId;
  if (opts.applicationId) message.application_id = opts.applicationId;
  if (opts.interactionMetadata) message.interaction_metadata = opts.interactionMetadata;
  if (opts.position !== undefined) message.position = opts.position;
  if (reference) {
    message.message_reference = {
      type: 0,
      message_id: reference.id,
      channel_id: reference.channel_id,
      ...(reference.guild_id ? { guild_id: reference.guild_id } : {}),
    };
    message.referenced_message = clone(reference);
  }
  if (isEmptyMessage(message) && !(flags & MESSAGE_FLAG_LOADING)) throw Errors.emptyMessage();
  return message;
}

export interface EditOptions {
  viaApi: boolean;
  author?: APIUser;
  channel: EmulatorChannel;
  files?: FilePart[];
}

/** Applies a PATCH body to a stored message and returns the new version (the stored one is replaced by the caller). */
export function applyEdit(store: Store, original: EmulatorMessage, body: JsonObject, opts: EditOptions): EmulatorMessage {
  const next = clone(original);
  const wasLoading = ((original.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0;
  if ('content' in body) next.content = asString(body['content']) ?? '';
  if ('embeds' in body) next.embeds = normaliseEmbeds(body['embeds']);
  if ('components' in body) next.components = numberComponents(body['components']);
  if ('flags' in body && body['flags'] !== null) {
    // Only presentation flags can change after creation; EPHEMERAL etc. are fixed.
    const mutable = (1 << 2) | (1 << 15);
    const requested = asNumber(body['flags']) ?? 0;
    next.flags = (((original.flags ?? 0) & ~mutable) | (requested & mutable)) as NonNullable<EmulatorMessage['flags']>;
  }
  if ('attachments' in body || (opts.files?.length ?? 0) > 0) {
    const keepIds = new Set((asArray(body['attachments']) ?? []).filter(isObject).map((a) => String(a['id'])));
    const keep = 'attachments' in body ? original.attachments.filter((a) => keepIds.has(a.id)) : original.attachments;
    next.attachments = buildAttachments(store, original.channel_id, body, opts.files ?? [], keep);
  }
  if ('content' in body) {
    const composeOpts: ComposeOptions = { channel: opts.channel, author: original.author, body, viaApi: opts.viaApi };
    const reference = original.referenced_message ?? undefined;
    Object.assign(next, resolveMentions(store, composeOpts, next.content, reference ? (reference as EmulatorMessage) : undefined));
  }
  // The first edit of a deferred ("thinking…") response is what makes it visible; Discord doesn't mark that as edited.
  if (wasLoading) next.flags = ((next.flags ?? 0) & ~MESSAGE_FLAG_LOADING) as NonNullable<EmulatorMessage['flags']>;
  else next.edited_timestamp = new Date().toISOString();
  if (isEmptyMessage(next)) throw Errors.emptyMessage();
  return next;
}

export function isLoading(message: EmulatorMessage): boolean {
  return ((message.flags ?? 0) & MESSAGE_FLAG_LOADING) !== 0;
}

export function isEphemeral(message: EmulatorMessage): boolean {
  return ((message.flags ?? 0) & (1 << 6)) !== 0;
}

