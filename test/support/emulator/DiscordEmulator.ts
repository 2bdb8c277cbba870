import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { APIApplicationCommand, APIApplicationCommandOptionChoice, APIGuild, APIThreadChannel } from 'discord.js';
import {
  Actors,
  type ComponentOptions,
  type ForumThreadOptions,
  type ModalSubmitOptions,
  type SelectMenuOptions,
  type SendMessageOptions,
  type SlashCommandOptions,
  type MessageCommandOptions,
} from './actors.ts';
import { CommandRegistry } from './commands.ts';
import { Intent, applicationFlags, messageEventPayload } from './events.ts';
import type { FixtureChannels, FixtureRoles, FixtureUsers } from './fixtures.ts';
import { GATEWAY_PATH, GatewayServer } from './gateway.ts';
import type { CommandOptionInput } from './interactionPayloads.ts';
import { InteractionService, type InteractionResult, type MessageEvents } from './interactions.ts';
import { clone } from './json.ts';
import { Notifier } from './notifier.ts';
import { RestServer } from './restServer.ts';
import { buildRoutes } from './routes.ts';
import { shardOf, Store } from './store.ts';
import type {
  EmulatorMessage,
  EmulatorOptions,
  FailureRule,
  MessageWrite,
  RecordedClose,
  RecordedFrame,
  RecordedIdentify,
  RecordedRequest,
  RecordedResume,
  StallRule,
} from './types.ts';

export type {
  CommandOptionInput,
  ComponentOptions,
  ForumThreadOptions,
  InteractionResult,
  ModalSubmitOptions,
  SelectMenuOptions,
  SendMessageOptions,
  SlashCommandOptions,
  MessageCommandOptions,
};

const DEFAULTS = {
  heartbeatIntervalMs: 41_250,
  interactionTimeoutMs: 3_000,
  interactionTokenLifetimeMs: 15 * 60_000,
};

/**
 * A loopback Discord (REST v10 + Gateway v10) for end-to-end tests. An unmodified discord.js Client logs in with
 * `rest: { api: emulator.apiBase }` and the emulator's token; tests then act as users (messages, slash commands,
 * buttons, modals) and assert on what the bot sent.
 */
export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly guild: APIGuild;
  readonly users: FixtureUsers;
  readonly roles: FixtureRoles;
  readonly channels: FixtureChannels;

  readonly #store: Store;
  readonly #notifier = new Notifier();
  readonly #commands: CommandRegistry;
  readonly #interactions: InteractionService;
  readonly #gateway: GatewayServer;
  readonly #rest: RestServer;
  readonly #actors: Actors;
  readonly #writes: MessageWrite[] = [];
  /** The "developer portal" switches; shared with the gateway and routes, which read them on every use. */
  readonly #privileged: { guildMembers: boolean; guildPresences: boolean; messageContent: boolean };
  #stopped = false;
  readonly #shardCount: number;

  private constructor(options: EmulatorOptions) {
    this.#store = new Store({ guildCount: options.guilds ?? 1, shardCount: options.shards ?? 1 });
    const { fixtures } = this.#store;
    this.applicationId = fixtures.applicationId;
    this.guildId = fixtures.guildId;
    this.guild = fixtures.guild;
    this.users = fixtures.users;
    this.roles = fixtures.roles;
    this.channels = fixtures.channels;
    this.token = options.token ?? defaultToken(this.applicationId);
    const privileged = {
      guildMembers: options.privilegedIntents?.guildMembers ?? true,
      guildPresences: options.privilegedIntents?.guildPresences ?? true,
      messageContent: options.privilegedIntents?.messageContent ?? true,
    };
    this.#privileged = privileged;
    this.#shardCount = options.shards ?? 1;
    this.#commands = new CommandRegistry(this.applicationId, this.#store.ids);
    this.#gateway = new GatewayServer({
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
      privilegedIntents: privileged,
      store: this.#store,
      notifier: this.#notifier,
      baseUrl: () => `ws://127.0.0.1:${this.#rest.port}`,
    });
    const events = this.#messageEvents();
    const recordWrite = (write: Omit<MessageWrite, 'accepted'>): MessageWrite => {
      const record: MessageWrite = { ...write, accepted: false };
      this.#writes.push(record);
      return record;
    };
    this.#interactions = new InteractionService({
      store: this.#store,
      notifier: this.#notifier,
      events,
      applicationId: this.applicationId,
      timeoutMs: options.interactionTimeoutMs ?? DEFAULTS.interactionTimeoutMs,
      tokenLifetimeMs: options.interactionTokenLifetimeMs ?? DEFAULTS.interactionTokenLifetimeMs,
      recordWrite,
      describeRecent: (since) => this.#rest.describeRecent(since),
    });
    this.#rest = new RestServer({
      token: this.token,
      notifier: this.#notifier,
      onUpgrade: (req, socket, head) => this.#gateway.handleUpgrade(req, socket, head),
      raw: (path, res) => this.#serveAttachment(path, res),
      routes: buildRoutes({
        store: this.#store,
        commands: this.#commands,
        interactions: this.#interactions,
        events,
        applicationId: this.applicationId,
        appFlags: () => applicationFlags(privileged),
        guildMembersIntentEnabled: () => privileged.guildMembers,
        gatewayUrl: () => this.gatewayUrl,
        sessionStartRemaining: () => this.#gateway.sessionStartRemaining,
        recommendedShards: options.shards ?? 1,
        recordWrite,
      }),
    });
    this.#actors = new Actors({
      store: this.#store,
      notifier: this.#notifier,
      commands: this.#commands,
      interactions: this.#interactions,
      gateway: this.#gateway,
      events,
      applicationId: this.applicationId,
      strictCommands: options.strictCommands ?? false,
    });
  }

  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    const port = await emulator.#rest.listen();
    emulator.#store.publicBase = `http://127.0.0.1:${port}`;
    return emulator;
  }

  /**
   * Environment for a bot process under test. DISCORD_API_BASE is the agreed name; the others are offered for
   * convenience and may be ignored.
   */
  botEnv(): Record<'DISCORD_TOKEN' | 'DISCORD_API_BASE' | 'DISCORD_CLIENT_ID' | 'DISCORD_GUILD_ID', string> {
    return {
      DISCORD_TOKEN: this.token,
      DISCORD_API_BASE: this.apiBase,
      DISCORD_CLIENT_ID: this.applicationId,
      DISCORD_GUILD_ID: this.guildId,
    };
  }

  /**
   * Every guild the bot is in, the fixture guild first (`EmulatorOptions.guilds`), each with the same channels, users
   * and roles as the fixture guild under its own ids, and the shard its events go to with `shards` shards.
   */
  get guilds(): readonly { id: string; name: string; channels: FixtureChannels; shard: number }[] {
    return this.#store.guilds.map((g) => ({ id: g.guild.id, name: g.guild.name, channels: g.channels, shard: shardOf(g.guild.id, this.#shardCount) }));
  }

  /** Pass as `rest.api` (discord.js appends /v10). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.#rest.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#rest.port}${GATEWAY_PATH}`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#rest.requests;
  }

  /** Every message create/edit payload the bot sent, with whether allowed_mentions was present. */
  get messageWrites(): readonly MessageWrite[] {
    return this.#writes;
  }

  get identifies(): readonly RecordedIdentify[] {
    return this.#gateway.identifies;
  }

  get resumes(): readonly RecordedResume[] {
    return this.#gateway.resumes;
  }

  /** Gateway frames received from clients (tokens redacted). */
  get gatewayFrames(): readonly RecordedFrame[] {
    return this.#gateway.frames;
  }

  /** Gateway closes the emulator sent (code and Discord's reason text), oldest first. */
  get gatewayCloses(): readonly RecordedClose[] {
    return this.#gateway.closes;
  }

  failNext(rule: FailureRule): void {
    this.#rest.failNext(rule);
  }

  /**
   * The next matching request(s) are carried out — a message is created and dispatched — but the response is held back
   * `ms`: a client whose REST timeout is shorter gives up and retries, as when a POST times out but lands on Discord.
   */
  stallNext(rule: StallRule): void {
    this.#rest.stallNext(rule);
  }

  /**
   * The next `times` IDENTIFYs (with the right token) are answered by closing the socket with `code`, e.g. 4011
   * (sharding required) or 4013 (invalid intents), which a client can't otherwise provoke against the emulator.
   */
  rejectIdentify(code: number, { times = 1 }: { times?: number } = {}): void {
    this.#gateway.rejectIdentify(code, times);
  }

  /**
   * Flips privileged intents in the "developer portal" while running. Live sessions keep theirs (as on Discord); the
   * next IDENTIFY asking for a switched-off intent is closed with 4014, and the application flags change at once.
   */
  setPrivilegedIntents(intents: { guildMembers?: boolean; guildPresences?: boolean; messageContent?: boolean }): void {
    Object.assign(this.#privileged, Object.fromEntries(Object.entries(intents).filter(([, on]) => on !== undefined)));
  }

  /**
   * Resets the bot token, as Reset Token in the Developer Portal does: from now on REST answers 401 to `emu.token` and
   * IDENTIFY/RESUME with it are closed with 4004. With `disconnect: true` live gateway sessions are closed with 4004
   * too; without it they stay connected, so events still arrive while every REST call fails.
   */
  async revokeToken({ disconnect = false }: { disconnect?: boolean } = {}): Promise<void> {
    this.#rest.revokeToken();
    await this.#gateway.revokeToken(disconnect);
  }

  get tokenRevoked(): boolean {
    return this.#rest.tokenRevoked;
  }

  /** Resolves with the first logged request matching `predicate` (already received or still to come). */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.#notifier.wait(
      () => this.#rest.requests.find(predicate),
      timeoutMs,
      () => `no request matched the predicate.\n${this.#rest.describeRecent()}`,
    );
  }

  /** Resolves once a client has identified and been sent READY (and GUILD_CREATE) and is still connected. */
  async waitForReady(timeoutMs = 5000): Promise<void> {
    await this.#notifier.wait(
      () => (this.#gateway.readyCount > 0 && this.#gateway.hasLiveSession() ? true : undefined),
      timeoutMs,
      () => `no client completed IDENTIFY → READY. Identifies so far: ${this.#gateway.identifies.length}.\n${this.#rest.describeRecent()}`,
    );
  }

  /** Resolves once `count` RESUMEs in total have been answered with RESUMED. */
  async waitForResume(timeoutMs = 5000, count = 1): Promise<RecordedResume> {
    return this.#notifier.wait(
      () => this.#gateway.resumes[count - 1],
      timeoutMs,
      () => `expected ${count} RESUME(s), saw ${this.#gateway.resumes.length}`,
    );
  }

  /** Resolves once `count` IDENTIFYs in total have been answered with READY. */
  async waitForIdentify(timeoutMs = 5000, count = 1): Promise<RecordedIdentify> {
    return this.#notifier.wait(
      () => (this.#gateway.readyCount >= count ? this.#gateway.identifies[count - 1] : undefined),
      timeoutMs,
      () => `expected ${count} IDENTIFY(s), saw ${this.#gateway.identifies.length}`,
    );
  }

  /** Resolves with the first stored message matching `predicate`. */
  waitForMessage(predicate: (message: EmulatorMessage) => boolean, timeoutMs = 5000): Promise<EmulatorMessage> {
    return this.#notifier.wait(
      () => {
        const found = [...this.#store.messages.values()].find(predicate);
        return found ? clone(found) : undefined;
      },
      timeoutMs,
      () => `no message matched the predicate.\n${this.#rest.describeRecent()}`,
    );
  }

  /**
   * The first message the bot posts (optionally in `channelId`, optionally after message `after`), e.g. its answer to
   * a message the test just sent: `emu.waitForBotMessage({ channelId, after: question.id })`.
   */
  waitForBotMessage(filter: { channelId?: string; after?: string } = {}, timeoutMs = 5000): Promise<EmulatorMessage> {
    const after = filter.after ? BigInt(filter.after) : -1n;
    return this.waitForMessage(
      (m) =>
        m.author.id === this.users.bot.id &&
        (filter.channelId === undefined || m.channel_id === filter.channelId) &&
        BigInt(m.id) > after,
      timeoutMs,
    );
  }

  messagesIn(channelId: string): EmulatorMessage[] {
    return clone(this.#store.messagesIn(channelId));
  }

  message(id: string): EmulatorMessage | undefined {
    const m = this.#store.messages.get(id);
    return m ? clone(m) : undefined;
  }

  /** Bytes of an uploaded attachment (by attachment id). */
  attachment(id: string): Buffer | undefined {
    return this.#store.attachmentData.get(id);
  }

  commands(scope: { guildId?: string } = {}): APIApplicationCommand[] {
    return this.#commands.list(scope.guildId);
  }

  /** Injects a MESSAGE_CREATE as if a user typed it; returns the full message (as stored, before any intent stripping). */
  sendMessage(options: SendMessageOptions): EmulatorMessage {
    return this.#actors.sendMessage(options);
  }

  /** A user opens a forum post: THREAD_CREATE, then the starter MESSAGE_CREATE whose id equals the thread id. */
  startForumThread(options: ForumThreadOptions): { thread: APIThreadChannel; message: EmulatorMessage } {
    return this.#actors.startForumThread(options);
  }

  /**
   * A user runs a slash command. Resolves when the bot's first callback is accepted; rejects if it is rejected or
   * never arrives within interactionTimeoutMs. `await result.message()` gives the visible reply, deferred or not.
   */
  runSlashCommand(options: SlashCommandOptions): Promise<InteractionResult> {
    return this.#actors.runSlashCommand(options);
  }

  /** A user right-clicks a stored message → Apps → a message command. Resolves like runSlashCommand. */
  runMessageCommand(options: MessageCommandOptions): Promise<InteractionResult> {
    return this.#actors.runMessageCommand(options);
  }

  /** A user types in an autocomplete option (mark it `focused: true`). Resolves with the choices the bot returned. */
  autocomplete(options: SlashCommandOptions): Promise<APIApplicationCommandOptionChoice[]> {
    return this.#actors.autocomplete(options);
  }

  /** A user clicks a button on a stored message. Resolves like runSlashCommand (callback types 4, 5, 6, 7, 9). */
  clickButton(options: ComponentOptions): Promise<InteractionResult> {
    return this.#actors.clickButton(options);
  }

  /** A user picks values in a select menu on a stored message. */
  selectMenu(options: SelectMenuOptions): Promise<InteractionResult> {
    return this.#actors.selectMenu(options);
  }

  /** Submits a modal the bot showed earlier (matched by custom_id), mirroring its layout (action rows or labels). */
  submitModal(options: ModalSubmitOptions): Promise<InteractionResult> {
    return this.#actors.submitModal(options);
  }

  /**
   * Closes every gateway socket with `code` and Discord's reason text. 4000 (resumable): the client should reconnect
   * and RESUME. 4004 and 4010–4014 end the session, as Discord's fatal closes do: discord.js does not reconnect.
   */
  disconnectClients(code = 4000): Promise<void> {
    return this.#gateway.disconnectAll(code);
  }

  /** Sends op 9 INVALID_SESSION; `resumable: false` forces a fresh IDENTIFY. */
  invalidateSession(resumable: boolean): void {
    this.#gateway.invalidateSessions(resumable);
  }

  /** Sends op 7 RECONNECT. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#notifier.close(new Error('DiscordEmulator was stopped'));
    await this.#gateway.close();
    await this.#rest.close();
  }

  #messageEvents(): MessageEvents {
    const store = this.#store;
    const gateway = (): GatewayServer => this.#gateway;
    return {
      created: (m) => gateway().dispatch('MESSAGE_CREATE', (intents) => messageEventPayload(store, m, intents), m.guild_id ?? null),
      updated: (m) => gateway().dispatch('MESSAGE_UPDATE', (intents) => messageEventPayload(store, m, intents), m.guild_id ?? null),
      deleted: (m) =>
        gateway().dispatch(
          'MESSAGE_DELETE',
          (intents) =>
            intents & (m.guild_id ? Intent.GuildMessages : Intent.DirectMessages)
              ? { id: m.id, channel_id: m.channel_id, ...(m.guild_id ? { guild_id: m.guild_id } : {}) }
              : undefined,
          m.guild_id ?? null,
        ),
    };
  }

  #serveAttachment(path: string, res: ServerResponse): boolean {
    const match = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(path);
    const data = match?.[1] ? this.#store.attachmentData.get(match[1]) : undefined;
    if (!data) return false;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.length });
    res.end(data);
    return true;
  }
}

/** Discord-shaped: base64(user id) . timestamp-ish . HMAC-ish. Only its equality matters here. */
function defaultToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
}
