import type { APIApplication } from 'discord.js';
import type { CommandRegistry } from './commands.ts';
import { Errors, FormErrors } from './errors.ts';
import type { EmulatorChannel } from './fixtures.ts';
import type { HandlerResult, InteractionService, MessageEvents, WebhookCall } from './interactions.ts';
import { asObject, asString, clone, type JsonObject } from './json.ts';
import { checkMessageFields, checkNonce } from './limits.ts';
import { applyEdit, composeMessage } from './messages.ts';
import { Permission } from './permissions.ts';
import type { RouteContext, RouteDef } from './restServer.ts';
import type { Store } from './store.ts';
import type { MessageWrite } from './types.ts';

export interface RouteDeps {
  store: Store;
  commands: CommandRegistry;
  interactions: InteractionService;
  events: MessageEvents;
  applicationId: string;
  /** Read on every request: privileged intents can be switched in the "developer portal" while running. */
  appFlags: () => number;
  guildMembersIntentEnabled: () => boolean;
  gatewayUrl: () => string;
  sessionStartRemaining: () => number;
  recommendedShards: number;
  recordWrite(write: Omit<MessageWrite, 'accepted'>): MessageWrite;
}

const ok = (body: unknown): HandlerResult => ({ status: 200, body });
/** Discord checks an enforced nonce for uniqueness "in the past few minutes". */
const NONCE_WINDOW_MS = 5 * 60_000;
const noContent: HandlerResult = { status: 204 };

export function buildRoutes(deps: RouteDeps): RouteDef[] {
  const { store, commands, interactions, events } = deps;
  const routes: RouteDef[] = [];
  const add = (method: string, pattern: string, handler: RouteDef['handler'], auth = true): void => {
    routes.push({ method, pattern, handler, auth });
  };

  const channelOr404 = (id: string | undefined): EmulatorChannel => {
    const channel = id ? store.channel(id) : undefined;
    if (!channel) throw Errors.unknownChannel();
    return channel;
  };
  const guildOr404 = (id: string | undefined): string => {
    if (!id || !store.guild(id)) throw Errors.unknownGuild();
    return id;
  };
  const appOr403 = (id: string | undefined): void => {
    if (id !== deps.applicationId) throw Errors.missingAccess();
  };
  /** Guild channels need View Channel to even see messages (50001) and Send Messages to post (50013). */
  const requireBotPerms = (channel: EmulatorChannel, needed: bigint): void => {
    if (channel.type === 1) return;
    const perms = store.permissionsIn(store.botUser.id, channel.id);
    if (!(perms & Permission.ViewChannel)) throw Errors.missingAccess();
    if ((perms & needed) !== needed) throw Errors.missingPermissions();
  };
  const sendPermission = (channel: EmulatorChannel): bigint =>
    channel.type === 11 || channel.type === 12 ? Permission.SendMessagesInThreads : Permission.SendMessages;
  const webhookCall = (ctx: RouteContext): WebhookCall => ({
    appId: ctx.params['appId'] ?? '',
    token: ctx.params['token'] ?? '',
    route: ctx.route,
    requestSeq: ctx.requestSeq,
  });
  const write = (ctx: RouteContext, kind: MessageWrite['kind'], body: JsonObject, messageId?: string): MessageWrite =>
    deps.recordWrite({
      requestSeq: ctx.requestSeq,
      kind,
      route: ctx.route,
      payload: clone(body),
      allowedMentionsPresent: 'allowed_mentions' in body,
      allowedMentions: body['allowed_mentions'],
      ...(messageId ? { messageId } : {}),
    });

  // Gateway discovery.
  add('GET', '/gateway', () => ok({ url: deps.gatewayUrl() }), false);
  add('GET', '/gateway/bot', () =>
    ok({
      url: deps.gatewayUrl(),
      shards: deps.recommendedShards,
      session_start_limit: { total: 1000, remaining: deps.sessionStartRemaining(), reset_after: 14_400_000, max_concurrency: 1 },
    }),
  );

  // Users and the application.
  add('GET', '/users/@me', () => ok({ ...clone(store.botUser), verified: true, mfa_enabled: false, locale: 'en-US' }));
  add('GET', '/users/:userId', (ctx) => {
    const user = store.user(ctx.params['userId'] ?? '');
    if (!user) throw Errors.unknownUser();
    return ok(clone(user));
  });
  add('POST', '/users/@me/channels', (ctx) => {
    const recipient = asString(asObject(ctx.body)?.['recipient_id']);
    if (!recipient || !store.user(recipient)) throw Errors.unknownUser();
    return ok(clone(store.dmChannelFor(recipient)));
  });
  const application = (): APIApplication => ({
    id: deps.applicationId,
    name: store.botUser.global_name ?? store.botUser.username,
    icon: null,
    description: 'Answers questions from a curated, sourced knowledge base.',
    summary: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: clone(store.botUser),
    owner: clone(store.fixtures.users.owner),
    verify_key: '0'.repeat(64),
    team: null,
    flags: deps.appFlags(),
    flags_new: String(deps.appFlags()),
    approximate_guild_count: 1,
    interactions_endpoint_url: null,
    integration_types_config: { 0: {} },
  });
  add('GET', '/applications/@me', () => ok(application()));
  add('GET', '/oauth2/applications/@me', () => ok(application()));

  // Application commands, global and per guild.
  for (const scope of ['', '/guilds/:guildId'] as const) {
    const base = `/applications/:appId${scope}/commands`;
    const guildOf = (ctx: RouteContext): string | undefined => {
      appOr403(ctx.params['appId']);
      const guildId = ctx.params['guildId'];
      if (scope) guildOr404(guildId);
      return guildId;
    };
    add('GET', base, (ctx) => ok(commands.list(guildOf(ctx))));
    add('PUT', base, (ctx) => ok(commands.overwrite(ctx.body, guildOf(ctx))));
    add('POST', base, (ctx) => {
      const { command, created } = commands.upsert(ctx.body, guildOf(ctx));
      return { status: created ? 201 : 200, body: command };
    });
    add('GET', `${base}/:commandId`, (ctx) => {
      const command = commands.get(ctx.params['commandId'] ?? '', guildOf(ctx));
      if (!command) throw Errors.unknownCommand();
      return ok(command);
    });
    add('PATCH', `${base}/:commandId`, (ctx) => {
      const guildId = guildOf(ctx);
      const existing = commands.get(ctx.params['commandId'] ?? '', guildId);
      if (!existing) throw Errors.unknownCommand();
      return ok(commands.upsert({ ...clone(existing), ...(asObject(ctx.body) ?? {}) }, guildId).command);
    });
    add('DELETE', `${base}/:commandId`, (ctx) => {
      commands.delete(ctx.params['commandId'] ?? '', guildOf(ctx));
      return noContent;
    });
  }

  // Channels and messages.
  add('GET', '/channels/:channelId', (ctx) => {
    const channel = channelOr404(ctx.params['channelId']);
    if (channel.type !== 1 && !(store.permissionsIn(store.botUser.id, channel.id) & Permission.ViewChannel)) {
      throw Errors.missingAccess();
    }
    return ok(clone(channel));
  });
  add('GET', '/channels/:channelId/messages', (ctx) => {
    const channel = channelOr404(ctx.params['channelId']);
    requireBotPerms(channel, Permission.ReadMessageHistory);
    const limit = Math.min(100, Math.max(1, Number(ctx.query['limit'] ?? 50)));
    let list = store.messagesIn(channel.id);
    const { before, after } = ctx.query;
    if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
    // Discord returns newest first.
    return ok(clone(after ? list.slice(0, limit) : list.slice(-limit)).reverse());
  });
  add('POST', '/channels/:channelId/messages', (ctx) => {
    const channel = channelOr404(ctx.params['channelId']);
    if (channel.type === 15) throw Errors.nonTextChannel();
    requireBotPerms(channel, sendPermission(channel));
    const body = asObject(ctx.body) ?? {};
    const record = write(ctx, 'channel.create', body);
    const errors = new FormErrors();
    checkMessageFields(errors, [], body);
    checkNonce(errors, ['nonce'], body['nonce']);
    errors.throwIfAny();
    // enforce_nonce: the same author and nonce again within the window returns the message already created.
    const nonce = body['nonce'];
    const enforced = body['enforce_nonce'] === true && (typeof nonce === 'string' || typeof nonce === 'number') ? nonce : undefined;
    const existing = enforced === undefined ? undefined : store.messageWithNonce(store.botUser.id, enforced, NONCE_WINDOW_MS);
    if (existing) {
      record.accepted = true;
      record.messageId = existing.id;
      record.deduplicated = true;
      return ok(clone(existing));
    }
    const message = composeMessage(store, { channel, author: store.botUser, body, files: ctx.files, viaApi: true });
    store.addMessage(message);
    if (enforced !== undefined) store.rememberNonce(store.botUser.id, enforced, message.id);
    events.created(message);
    record.accepted = true;
    record.messageId = message.id;
    return ok(clone(message));
  });
  const messageIn = (ctx: RouteContext) => {
    const channel = channelOr404(ctx.params['channelId']);
    const message = store.messages.get(ctx.params['messageId'] ?? '');
    if (!message || message.channel_id !== channel.id) throw Errors.unknownMessage();
    return { channel, message };
  };
  add('GET', '/channels/:channelId/messages/:messageId', (ctx) => {
    const { channel, message } = messageIn(ctx);
    requireBotPerms(channel, Permission.ReadMessageHistory);
    return ok(clone(message));
  });
  add('PATCH', '/channels/:channelId/messages/:messageId', (ctx) => {
    const { channel, message } = messageIn(ctx);
    const body = asObject(ctx.body) ?? {};
    const record = write(ctx, 'channel.edit', body, message.id);
    if (message.author.id !== store.botUser.id) throw Errors.cannotEditOthers();
    const errors = new FormErrors();
    checkMessageFields(errors, [], body);
    errors.throwIfAny();
    const next = applyEdit(store, message, body, { viaApi: true, channel, files: ctx.files });
    store.addMessage(next);
    events.updated(next);
    record.accepted = true;
    return ok(clone(next));
  });
  add('DELETE', '/channels/:channelId/messages/:messageId', (ctx) => {
    const { channel, message } = messageIn(ctx);
    if (message.author.id !== store.botUser.id) requireBotPerms(channel, Permission.ManageMessages);
    store.messages.delete(message.id);
    events.deleted(message);
    return noContent;
  });
  add('POST', '/channels/:channelId/typing', (ctx) => {
    const channel = channelOr404(ctx.params['channelId']);
    requireBotPerms(channel, sendPermission(channel));
    return noContent;
  });
  for (const method of ['PUT', 'DELETE']) {
    add(method, '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', (ctx) => {
      const { channel } = messageIn(ctx);
      requireBotPerms(channel, Permission.AddReactions | Permission.ReadMessageHistory);
      return noContent;
    });
  }

  // Guild.
  add('GET', '/guilds/:guildId', (ctx) => {
    const guildId = guildOr404(ctx.params['guildId']);
    const counts = ctx.query['with_counts'] === 'true'
      ? { approximate_member_count: store.allMembers(guildId).length, approximate_presence_count: 0 }
      : {};
    return ok({ ...clone(store.guild(guildId)?.guild), ...counts });
  });
  add('GET', '/guilds/:guildId/channels', (ctx) => {
    const guildId = guildOr404(ctx.params['guildId']);
    return ok(clone([...store.channels.values()].filter((c) => (c.type === 0 || c.type === 15) && store.guildIdOf(c.id) === guildId)));
  });
  add('GET', '/guilds/:guildId/roles', (ctx) => {
    const guildId = guildOr404(ctx.params['guildId']);
    return ok(clone(store.guild(guildId)?.guild.roles ?? []));
  });
  add('GET', '/guilds/:guildId/members/:userId', (ctx) => {
    const guildId = guildOr404(ctx.params['guildId']);
    const member = store.member(ctx.params['userId'] ?? '', guildId);
    if (!member) throw Errors.unknownMember();
    return ok(clone(member));
  });
  add('GET', '/guilds/:guildId/members', (ctx) => {
    const guildId = guildOr404(ctx.params['guildId']);
    // Listing members needs the Server Members intent switched on in the developer portal.
    if (!deps.guildMembersIntentEnabled()) throw Errors.missingAccess();
    const limit = Math.min(1000, Math.max(1, Number(ctx.query['limit'] ?? 1)));
    return ok(clone(store.allMembers(guildId).slice(0, limit)));
  });

  // Interactions: authenticated by the interaction token, not the bot token.
  add(
    'POST',
    '/interactions/:interactionId/:token/callback',
    (ctx) =>
      interactions.callback(
        ctx.params['interactionId'] ?? '',
        ctx.params['token'] ?? '',
        ctx.body,
        ctx.files,
        ctx.query['with_response'] === 'true',
        ctx.route,
        ctx.requestSeq,
      ),
    false,
  );
  add('POST', '/webhooks/:appId/:token', (ctx) => interactions.followUp(webhookCall(ctx), ctx.body, ctx.files, ctx.query['wait'] === 'true'), false);
  const messageRoute = '/webhooks/:appId/:token/messages/:messageId';
  add('GET', messageRoute, (ctx) => interactions.getMessage(webhookCall(ctx), ctx.params['messageId'] ?? ''), false);
  add('PATCH', messageRoute, (ctx) => interactions.editMessage(webhookCall(ctx), ctx.params['messageId'] ?? '', ctx.body, ctx.files), false);
  add('DELETE', messageRoute, (ctx) => interactions.deleteMessage(webhookCall(ctx), ctx.params['messageId'] ?? ''), false);

  return routes;
}
