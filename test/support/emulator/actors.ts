import { randomBytes } from 'node:crypto';
import type { APIApplicationCommandOptionChoice, APIEmbed, APIThreadChannel, APIUser } from 'discord.js';
import type { CommandRegistry } from './commands.ts';
import { Intent } from './events.ts';
import { noFlags, type FixtureChannels, type FixtureUsers } from './fixtures.ts';
import type { GatewayServer } from './gateway.ts';
import {
  commandData,
  findComponent,
  interactionBase,
  modalTextInputs,
  normaliseOptions,
  resolveOptions,
  type CommandOptionInput,
} from './interactionPayloads.ts';
import {
  InteractionType,
  type InteractionRecord,
  type InteractionResult,
  type InteractionService,
  type MessageEvents,
} from './interactions.ts';
import { clone, textLength, type JsonObject } from './json.ts';
import { composeMessage } from './messages.ts';
import type { Notifier } from './notifier.ts';
import type { Store } from './store.ts';
import type { EmulatorMessage } from './types.ts';

export interface SendMessageOptions {
  /** Defaults to #general. Ignored for DMs. */
  channelId?: string;
  /** A fixture user id (default: users.member) or any other id, which becomes a non-member user. */
  authorId?: string;
  /** Custom author fields, e.g. another bot: `{ id, username: 'OtherBot' }` with `isBot: true`. */
  author?: { id?: string; username?: string; globalName?: string };
  content: string;
  /** Prefixes `<@bot>` unless the content already mentions the bot. */
  mentionsBot?: boolean;
  /** Makes this a reply (message type 19) to a stored message. */
  referencedMessageId?: string;
  /** Whether the reply pings the replied-to author (Discord's default: yes). */
  replyPing?: boolean;
  /** Posts as a webhook: author becomes the webhook, `webhook_id` is set, no member. */
  webhookId?: string;
  isBot?: boolean;
  /** Sends in the author's DM with the bot (channel type 1, no guild). */
  dm?: boolean;
  embeds?: APIEmbed[];
}

export interface ForumThreadOptions {
  forumChannelId?: string;
  authorId?: string;
  title: string;
  content: string;
  appliedTags?: string[];
}

export interface SlashCommandOptions {
  name: string;
  options?: CommandOptionInput[];
  /** Shorthand for wrapping `options` in a subcommand (and optionally a group). */
  subcommand?: string;
  subcommandGroup?: string;
  /** Default: users.member. */
  userId?: string;
  /** Default: #general. */
  channelId?: string;
  dm?: boolean;
}

/** A message context-menu command (right-click a message → Apps → `name`), application command type 3. */
export interface MessageCommandOptions {
  name: string;
  /** The stored message right-clicked; it comes to the bot in `data.resolved.messages`, content and all. */
  targetMessageId: string;
  /** Default: users.member. */
  userId?: string;
}

export interface ComponentOptions {
  customId: string;
  messageId: string;
  /** Default: users.member. */
  userId?: string;
  /** Defaults to the message's channel. */
  channelId?: string;
  /**
   * Send the press even though the message carries no component with `customId`, as a modified client could (the
   * bot must refuse it). Buttons only.
   */
  forged?: boolean;
}

export interface SelectMenuOptions extends ComponentOptions {
  values: string[];
}

export interface ModalSubmitOptions {
  customId: string;
  fields: Record<string, string>;
  /** Default: the user the modal was shown to. */
  userId?: string;
}

export interface ActorDeps {
  store: Store;
  notifier: Notifier;
  commands: CommandRegistry;
  interactions: InteractionService;
  gateway: GatewayServer;
  events: MessageEvents;
  applicationId: string;
  strictCommands: boolean;
}

/**
 * The people in the guild: everything a test does "as a user" (typing, opening forum posts, running commands,
 * clicking, submitting modals). Each action checks it is something Discord's client could actually do.
 */
export class Actors {
  readonly #users: FixtureUsers;
  readonly #channels: FixtureChannels;

  constructor(private readonly deps: ActorDeps) {
    this.#users = deps.store.fixtures.users;
    this.#channels = deps.store.fixtures.channels;
  }

  /** Injects a MESSAGE_CREATE as if a user typed it; returns the full (unstripped) message. */
  sendMessage(options: SendMessageOptions): EmulatorMessage {
    const author = this.#author(options);
    const channel = options.dm
      ? this.deps.store.dmChannelFor(author.id)
      : this.deps.store.channel(options.channelId ?? this.#channels.general.id);
    if (!channel) throw new Error(`Unknown channel ${String(options.channelId)}`);
    if (channel.type === 15) throw new Error('Forum channels take threads, not messages: use startForumThread()');
    if (channel.type !== 1 && this.deps.store.member(author.id, this.deps.store.guildIdOf(channel.id)) && !this.deps.store.permissionsIn(author.id, channel.id)) {
      throw new Error(`${author.username} cannot see #${String(channel.name)}`);
    }
    const botMention = `<@${this.deps.store.botUser.id}>`;
    const mentionsBot = new RegExp(`<@!?${this.deps.store.botUser.id}>`).test(options.content);
    const content = options.mentionsBot && !mentionsBot ? `${botMention} ${options.content}` : options.content;
    const body: JsonObject = { content, ...(options.embeds ? { embeds: options.embeds } : {}) };
    if (options.referencedMessageId) {
      body['message_reference'] = { message_id: options.referencedMessageId, channel_id: channel.id };
    }
    const message = composeMessage(this.deps.store, {
      channel,
      author,
      body,
      viaApi: false,
      ...(options.webhookId ? { webhookId: options.webhookId } : {}),
      ...(options.replyPing !== undefined ? { replyPing: options.replyPing } : {}),
    });
    this.deps.store.addMessage(message);
    this.deps.events.created(message);
    this.deps.notifier.notify();
    return clone(message);
  }

  /** A user opens a forum post: THREAD_CREATE, then the starter MESSAGE_CREATE whose id equals the thread id. */
  startForumThread(options: ForumThreadOptions): { thread: APIThreadChannel; message: EmulatorMessage } {
    const forum = this.deps.store.channel(options.forumChannelId ?? this.#channels.forum.id);
    if (!forum || forum.type !== 15) throw new Error(`${String(options.forumChannelId)} is not a forum channel`);
    const author = this.#author({ content: options.content, ...(options.authorId ? { authorId: options.authorId } : {}) });
    if (textLength(options.title) > 100) throw new Error('Thread titles are limited to 100 characters');
    const id = this.deps.store.ids.next();
    const now = new Date().toISOString();
    const thread: APIThreadChannel = {
      id,
      type: 11,
      guild_id: this.deps.store.guildIdOf(forum.id) ?? this.deps.store.guildId,
      parent_id: forum.id,
      owner_id: author.id,
      name: options.title,
      last_message_id: id,
      rate_limit_per_user: 0,
      flags: noFlags(),
      thread_metadata: { archived: false, auto_archive_duration: 4320, archive_timestamp: now, locked: false, create_timestamp: now },
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      applied_tags: options.appliedTags ?? [],
    };
    this.deps.store.addThread(thread);
    forum.last_message_id = id;
    this.deps.gateway.dispatch('THREAD_CREATE', (intents) => (intents & Intent.Guilds ? { ...clone(thread), newly_created: true } : undefined), thread.guild_id ?? null);
    const message = composeMessage(this.deps.store, {
      channel: thread,
      author,
      body: { content: options.content },
      viaApi: false,
      id,
      position: 0,
    });
    this.deps.store.addMessage(message);
    thread.message_count = 1;
    thread.total_message_sent = 1;
    this.deps.events.created(message);
    this.deps.notifier.notify();
    return { thread: clone(thread), message: clone(message) };
  }

  /**
   * A user runs a slash command. Resolves when the bot's first callback is accepted; rejects if it is rejected or
   * never arrives within interactionTimeoutMs. `await result.message()` gives the visible reply, deferred or not.
   */
  async runSlashCommand(options: SlashCommandOptions): Promise<InteractionResult> {
    const record = this.#commandInteraction(options, 'command');
    return this.deps.interactions.waitForAck(record);
  }

  /**
   * A user runs a message command on a stored message. Like Discord, the interaction carries `target_id` and the
   * message in `resolved.messages`, whatever the bot's intents (an interaction is what the user chose to send).
   */
  async runMessageCommand(options: MessageCommandOptions): Promise<InteractionResult> {
    const message = this.deps.store.messages.get(options.targetMessageId);
    if (!message) throw new Error(`No stored message ${options.targetMessageId}`);
    const guildId = message.guild_id ?? null;
    const command = this.deps.commands.findByName(options.name, guildId, 3);
    if (!command && this.deps.strictCommands) {
      throw new Error(`Message command "${options.name}" is not registered (strictCommands); registered: ${this.deps.commands.list().map((c) => c.name).join(', ') || 'none'}`);
    }
    const record = this.#dispatchInteraction({
      type: InteractionType.ApplicationCommand,
      label: `Apps → ${options.name}`,
      userId: options.userId ?? this.#users.member.id,
      channelId: message.channel_id,
      dm: guildId === null,
      sourceMessageId: null,
      data: {
        id: command?.id ?? this.deps.store.ids.next(),
        name: options.name,
        type: 3,
        ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
        target_id: message.id,
        resolved: { messages: { [message.id]: clone(message) } },
      },
    });
    return this.deps.interactions.waitForAck(record);
  }

  /** A user types in an autocomplete option (mark it `focused: true`). Resolves with the choices the bot returned. */
  async autocomplete(options: SlashCommandOptions): Promise<APIApplicationCommandOptionChoice[]> {
    const focused = countFocused(options.options ?? []);
    if (focused !== 1) throw new Error(`autocomplete needs exactly one option with focused: true (got ${focused})`);
    const record = this.#commandInteraction(options, 'autocomplete');
    const result = await this.deps.interactions.waitForAck(record);
    return result.choices;
  }

  /** A user clicks a button on a stored message (the bot's). Resolves like runSlashCommand. */
  async clickButton(options: ComponentOptions): Promise<InteractionResult> {
    return this.#componentInteraction(options, 2, undefined);
  }

  /** A user picks values in a select menu on a stored message. */
  async selectMenu(options: SelectMenuOptions): Promise<InteractionResult> {
    return this.#componentInteraction(options, undefined, options.values);
  }

  /** Submits a modal the bot showed earlier (matched by custom_id), mirroring its layout (action rows or labels). */
  async submitModal(options: ModalSubmitOptions): Promise<InteractionResult> {
    const opener = [...this.deps.interactions.records.values()]
      .reverse()
      .find(
        (r) =>
          r.response?.type === 9 &&
          r.response.data?.['custom_id'] === options.customId &&
          (options.userId === undefined || r.userId === options.userId),
      );
    if (!opener?.response?.data) {
      throw new Error(`No modal with custom_id "${options.customId}" was shown${options.userId ? ' to that user' : ''}`);
    }
    const inputs = modalTextInputs(opener.response.data);
    for (const key of Object.keys(options.fields)) {
      if (!inputs.some((i) => i.customId === key)) {
        throw new Error(`Modal "${options.customId}" has no text input "${key}" (has: ${inputs.map((i) => i.customId).join(', ')})`);
      }
    }
    const components = inputs.map((input) => {
      const value = options.fields[input.customId] ?? '';
      const length = textLength(value);
      if (input.required && length === 0) throw new Error(`Modal field "${input.customId}" is required`);
      if (length > 0 && (length < input.min || length > input.max)) {
        throw new Error(`Modal field "${input.customId}" must be ${input.min}-${input.max} characters (got ${length})`);
      }
      const textInput = { type: 4, ...(input.id !== undefined ? { id: input.id } : {}), custom_id: input.customId, value };
      return input.layout === 'label' ? { type: 18, component: textInput } : { type: 1, components: [textInput] };
    });
    const source = opener.sourceMessageId ? this.deps.store.messages.get(opener.sourceMessageId) : undefined;
    const record = this.#dispatchInteraction({
      type: InteractionType.ModalSubmit,
      label: `modal ${options.customId}`,
      userId: options.userId ?? opener.userId,
      channelId: opener.channelId,
      dm: this.deps.store.channel(opener.channelId)?.type === 1,
      sourceMessageId: source?.id ?? null,
      data: { custom_id: options.customId, components },
      ...(source ? { message: clone(source) } : {}),
    });
    return this.deps.interactions.waitForAck(record);
  }

  #author(options: SendMessageOptions): APIUser {
    if (options.webhookId) {
      const hook: APIUser = {
        id: options.webhookId,
        username: options.author?.username ?? 'Webhook',
        discriminator: '0000',
        global_name: null,
        avatar: null,
        bot: true,
      };
      return hook;
    }
    const id = options.author?.id ?? options.authorId ?? this.#users.member.id;
    let user = this.deps.store.user(id);
    if (!user) {
      user = {
        id,
        username: options.author?.username ?? `user${id.slice(-4)}`,
        discriminator: '0',
        global_name: options.author?.globalName ?? null,
        avatar: null,
        ...(options.isBot ? { bot: true } : {}),
        public_flags: noFlags(),
      };
      this.deps.store.rememberUser(user);
    }
    return options.isBot && !user.bot ? { ...user, bot: true } : user;
  }

  #commandInteraction(options: SlashCommandOptions, mode: 'command' | 'autocomplete'): InteractionRecord {
    const channelId = options.channelId ?? this.#channels.general.id;
    const guildId = options.dm ? null : (this.deps.store.guildIdOf(channelId) ?? this.deps.store.guildId);
    const command = this.deps.commands.findByName(options.name, guildId);
    if (!command && this.deps.strictCommands) {
      throw new Error(`/${options.name} is not registered (strictCommands); registered: ${this.deps.commands.list().map((c) => c.name).join(', ') || 'none'}`);
    }
    let inputs = options.options ?? [];
    if (options.subcommand) inputs = [{ name: options.subcommand, type: 1, options: inputs }];
    if (options.subcommandGroup) inputs = [{ name: options.subcommandGroup, type: 2, options: inputs }];
    const normalised = normaliseOptions(inputs, command ? (command.options ?? []) : undefined, mode, `/${options.name}`);
    const resolved = mode === 'command' ? resolveOptions(this.deps.store, normalised, channelId) : undefined;
    return this.#dispatchInteraction({
      type: mode === 'command' ? InteractionType.ApplicationCommand : InteractionType.Autocomplete,
      label: `/${options.name}${mode === 'autocomplete' ? ' (autocomplete)' : ''}`,
      userId: options.userId ?? this.#users.member.id,
      channelId,
      dm: options.dm ?? false,
      sourceMessageId: null,
      data: commandData(command, this.deps.store.ids.next(), options.name, normalised, resolved),
    });
  }

  #componentInteraction(options: ComponentOptions, expectType: number | undefined, values: string[] | undefined): Promise<InteractionResult> {
    const message = this.deps.store.messages.get(options.messageId);
    if (!message) throw new Error(`No stored message ${options.messageId}`);
    const component = findComponent(message.components, options.customId) ?? (options.forged && !values ? { type: 2 } : undefined);
    if (!component) throw new Error(`Message ${options.messageId} has no component with custom_id "${options.customId}"`);
    const type = component['type'];
    if (typeof type !== 'number' || (expectType !== undefined && type !== expectType)) {
      throw new Error(`Component "${options.customId}" has type ${String(type)}, not ${String(expectType ?? 'a select menu')}`);
    }
    if (component['disabled'] === true) throw new Error(`Component "${options.customId}" is disabled and cannot be used`);
    if (values) {
      if (![3, 5, 6, 7, 8].includes(type)) throw new Error(`Component "${options.customId}" is not a select menu`);
      const optionValues = Array.isArray(component['options'])
        ? component['options'].map((o) => (o as JsonObject)['value'])
        : undefined;
      const bad = optionValues ? values.filter((v) => !optionValues.includes(v)) : [];
      if (bad.length > 0) throw new Error(`Select "${options.customId}" has no option(s) ${bad.join(', ')}`);
    }
    const record = this.#dispatchInteraction({
      type: InteractionType.MessageComponent,
      label: `${values ? 'select' : 'button'} ${options.customId}`,
      userId: options.userId ?? this.#users.member.id,
      channelId: options.channelId ?? message.channel_id,
      dm: message.guild_id === undefined,
      sourceMessageId: message.id,
      data: { custom_id: options.customId, component_type: type, ...(values ? { values } : {}) },
      message: clone(message),
    });
    return this.deps.interactions.waitForAck(record);
  }

  #dispatchInteraction(spec: {
    type: number;
    label: string;
    userId: string;
    channelId: string;
    dm: boolean;
    sourceMessageId: string | null;
    data: JsonObject;
    message?: EmulatorMessage;
  }): InteractionRecord {
    if (!this.deps.gateway.hasSession()) {
      throw new Error('No bot session on the gateway: start the client and await emulator.waitForReady() first');
    }
    const id = this.deps.store.ids.next();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
    const base = interactionBase(
      this.deps.store,
      { id, token, applicationId: this.deps.applicationId, userId: spec.userId, channelId: spec.channelId, dm: spec.dm },
      spec.type,
    );
    const payload: JsonObject = { ...base, data: spec.data, ...(spec.message ? { message: spec.message } : {}) };
    const record: InteractionRecord = {
      id,
      token,
      type: spec.type,
      label: spec.label,
      payload,
      userId: spec.userId,
      channelId: String(base['channel_id']),
      dispatchedAt: Date.now(),
      ackAt: null,
      response: null,
      originalMessageId: null,
      sourceMessageId: spec.sourceMessageId,
      followUpIds: [],
      edits: [],
      rejected: [],
    };
    this.deps.interactions.register(record);
    const guildId = payload['guild_id'];
    this.deps.gateway.dispatch('INTERACTION_CREATE', () => payload, typeof guildId === 'string' ? guildId : null);
    return record;
  }
}

function countFocused(options: readonly CommandOptionInput[]): number {
  return options.reduce((n, o) => n + (o.focused ? 1 : 0) + countFocused(o.options ?? []), 0);
}

