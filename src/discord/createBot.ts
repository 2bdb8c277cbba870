import { Client, Events, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { Sharding } from '../config/botConfig.ts';
import { summarizeCommands, type BotContext, type BotSetup, type CommandModule } from './commandModule.ts';
import { AnsweredRecords } from './answeredRecords.ts';
import { Cooldowns, gapLogAllowance, MemberAllowance } from './cooldowns.ts';
import { DiscordFailure, explainDiscordError, fatalCloseCodes, gatewayCloseFailure, tokenRejectedWhileRunning } from './discordFailure.ts';
import { createInteractionDispatcher } from './handleInteraction.ts';
import { handleMessage } from './handleMessage.ts';
import { InFlight } from './inFlight.ts';
import { noPings } from './send.ts';
import { formatChanges, formatProblems } from './moderation/kbMessages.ts';
import { describeKnowledgeServers, knowledgeServers } from './moderation/knowledgeServers.ts';
import { postToModLog } from './moderation/modLog.ts';
import { listedTwiceWarning, registerCommands } from './registerCommands.ts';

export interface RunningBot {
  /** The connected client: a new one after falling back to no Message Content at run time. */
  readonly client: Client<true>;
  /**
   * Settles when the bot cannot go on: Discord ended the session for good (4004, 4010–4013) or stopped accepting the
   * token. By then it takes no new work; `stop()` finishes what is in flight.
   */
  readonly failure: Promise<DiscordFailure>;
  /** Stops taking new work, lets replies in flight finish (10 s at most), then disconnects. */
  stop(): Promise<void>;
}

const DISALLOWED_INTENTS = 4014;
const drainTimeoutMs = 10_000;

const noMessageContentWarning =
  'Discord refused the Message Content intent: it is not enabled for this bot in the Developer Portal (Bot → Privileged Gateway Intents). ' +
  'Continuing without it: mentions, replies to the bot, DMs and slash commands still work; plain questions in answer channels will not be seen.';

function createClient(context: BotContext, withMessageContent: boolean): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (withMessageContent) intents.push(GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    // DM channels are not cached until used; without this partial, DMs never arrive.
    partials: [Partials.Channel],
    rest: { api: context.config.apiBase },
    allowedMentions: noPings,
    // Always explicit. discord.js still reads SHARDS / SHARD_COUNT from the environment when these equal its defaults
    // (one shard): main.ts takes them out of its sight (hideShardSettingsFromDiscordJs).
    ...shardOptions(context.config.sharding),
  });
}

function shardOptions(sharding: Sharding): { shards: number[]; shardCount: number } {
  return sharding.mode === 'shards' ? { shards: [...sharding.ids], shardCount: sharding.count } : { shards: [0], shardCount: 1 };
}

/**
 * The process that runs shard 0 does what is done once per bot, not once per shard: registering the slash commands
 * (they belong to the application; every shard registering them would race and spend rate limit for nothing) and
 * reporting knowledge files changed on disk to the mod log (every shard process reloads them, one message is enough).
 */
function runsFirstShard(sharding: Sharding): boolean {
  return sharding.mode !== 'shards' || sharding.ids.includes(0);
}

function hasMessageContent(client: Client): boolean {
  return client.options.intents.has(GatewayIntentBits.MessageContent);
}

/** A failed login, with the fatal gateway close (if any) that caused it. */
class LoginFailed extends Error {
  constructor(
    override readonly cause: unknown,
    readonly closeCode: number | undefined,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Logs in, wiring every event through the dispatcher. When Discord refuses Message Content — at start or later, when
 * the session is re-identified after the intent was switched off — it carries on without it. Any other fatal close,
 * and a rejected token, settle `failure`: a bot that can no longer talk to Discord must not sit there silently.
 */
export async function startBot(setup: BotSetup, commands: ReadonlyMap<string, CommandModule>): Promise<RunningBot> {
  const context: BotContext = {
    ...setup,
    commandList: summarizeCommands(commands.values()),
    unansweredLog: new MemberAllowance(gapLogAllowance.perMember, gapLogAllowance.windowMs),
    answered: new AnsweredRecords(),
  };
  const { config, logger } = context;
  const channels = { cooldowns: new Cooldowns(config.cooldownSeconds), answerChannelIds: new Set(config.answerChannelIds) };
  const dispatch = createInteractionDispatcher(commands, context, channels.cooldowns);
  const work = new InFlight(logger);
  let settleFailure: (failure: DiscordFailure) => void = () => undefined;
  const failure = new Promise<DiscordFailure>((resolve) => (settleFailure = resolve));
  let current: Client<true> | undefined;
  /** Clients replaced at run time, destroyed once the replies they started are done. */
  const retired = new Set<Client>();
  let switching: Promise<void> | undefined;
  let stopping = false;
  let failed = false;

  const fail = (reason: DiscordFailure) => {
    if (failed || stopping) return;
    failed = true;
    work.close();
    settleFailure(reason);
  };

  const connect = async (withMessageContent: boolean): Promise<Client<true>> => {
    const client = createClient(context, withMessageContent);
    let closeCode: number | undefined;
    client.on(Events.InteractionCreate, (interaction) => work.track(() => dispatch(interaction), 'interaction'));
    client.on(Events.MessageCreate, (message) => work.track(() => handleMessage(message, client as Client<true>, context, channels), 'message'));
    client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
    client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'Gateway session resumed'));
    client.on(Events.ShardReconnecting, () => context.metrics.gatewayReconnect());
    // Joined a second server while the only one it was in owned the knowledge by default: now nobody does.
    client.on(Events.GuildCreate, () => {
      const servers = knowledgeServers(config, client.guilds.cache);
      if (servers.from === 'none' && client.guilds.cache.size === 2) logger.warn({ guilds: client.guilds.cache.size }, describeKnowledgeServers(servers).message);
    });
    // discord.js emits this only for closes it will not recover from.
    client.on(Events.ShardDisconnect, (event, shardId) => {
      logger.warn({ code: event.code, shardId }, 'Gateway disconnected');
      if (current && client === current) onFatalClose(current, event.code);
      else closeCode = event.code;
    });
    // After a 401 discord.js drops the token and fails every later request locally ("Expected token to be set").
    client.rest.on(RESTEvents.Response, (request, response) => {
      if (response.status === 401 && request.data.auth && client === current) fail(tokenRejectedWhileRunning(request.method, request.route));
    });
    try {
      return await logIn(client, config.token);
    } catch (error) {
      throw new LoginFailed(error, closeCode);
    }
  };

  const onFatalClose = (client: Client<true>, code: number) => {
    if (stopping || failed || !fatalCloseCodes.has(code)) return;
    if (code === DISALLOWED_INTENTS && hasMessageContent(client)) {
      switching = fallBack(client);
      return;
    }
    const reason = gatewayCloseFailure(code);
    if (reason) fail(reason);
  };

  // The same fallback as at start, for a session re-identified after the intent was switched off in the portal.
  const fallBack = async (old: Client<true>) => {
    logger.warn(noMessageContentWarning);
    retired.add(old);
    try {
      const next = await connect(false);
      if (stopping) {
        await next.destroy();
        return;
      }
      current = next;
      logReady(next);
    } catch (error) {
      fail(explainLogin(error));
      return;
    } finally {
      switching = undefined;
    }
    // The old client's socket is gone, but replies it started still need its REST client (and its token).
    void work.settle(drainTimeoutMs).then(async () => {
      if (retired.delete(old)) await old.destroy();
    });
  };

  const explainLogin = (error: unknown): DiscordFailure =>
    error instanceof LoginFailed
      ? explainDiscordError(error.cause, { apiBase: config.apiBase, closeCode: error.closeCode })
      : explainDiscordError(error, { apiBase: config.apiBase });

  const logReady = (client: Client<true>) => {
    const { engine } = context.knowledge.current();
    logger.info(
      {
        tag: client.user.tag,
        guilds: client.guilds.cache.size,
        faq: engine.knowledge.faq.length,
        terms: engine.knowledge.terms.length,
        tableRows: engine.knowledge.table.rows.length,
        messageContent: hasMessageContent(client),
        shards: [...client.ws.shards.keys()],
      },
      'Bot is ready',
    );
  };

  try {
    current = await connect(config.messageContentIntent);
  } catch (error) {
    const refusedIntent = error instanceof LoginFailed && (error.closeCode === DISALLOWED_INTENTS || isDisallowedIntents(error.cause));
    if (!config.messageContentIntent || !refusedIntent) throw explainLogin(error);
    logger.warn(noMessageContentWarning);
    try {
      current = await connect(false);
    } catch (retryError) {
      throw explainLogin(retryError);
    }
  }
  const started = current;
  logReady(started);
  checkServerSettings(started, context);

  context.knowledge.onReload((event) => {
    // Edits and /kb reloads are reported by their own command; this covers edits made to the files.
    if (event.trigger.kind !== 'files' || !current || !runsFirstShard(config.sharding)) return;
    const message = event.result.ok
      ? `🔄 Knowledge files changed on disk and were reloaded (version ${event.result.version}): ${formatChanges(event.result.changes)}.`
      : formatProblems(`⚠️ The knowledge files changed on disk but do not validate; still serving version ${event.snapshot.version}.`, event.result.problems);
    const client = current;
    work.track(() => postToModLog(client, config.modLogChannelId, message, logger), 'mod-log');
  });

  // One notice per spell of trouble with the question log (it says so itself when it recovers).
  context.questionLog?.onTrouble((notice) => {
    const client = current;
    if (client) work.track(() => postToModLog(client, config.modLogChannelId, notice, logger), 'mod-log');
  });

  if (runsFirstShard(config.sharding)) {
    try {
      const registration = await registerCommands(
        { token: config.token, apiBase: config.apiBase, applicationId: config.clientId ?? started.application.id, guildId: config.guildId },
        [...commands.values()].map((command) => command.data.toJSON()),
        logger,
        { rest: started.rest },
      );
      if (registration.alsoGlobal.length > 0 && config.guildId) logger.warn({ commands: registration.alsoGlobal }, listedTwiceWarning(config.guildId));
    } catch (error) {
      // The bot still answers mentions without slash commands; a registration failure must not stop it (a rejected
      // token does, through `failure`).
      logger.error({ err: error }, 'Could not register slash commands; run `npm run deploy-commands` to retry');
    }
  }

  return {
    get client() {
      return current ?? started;
    },
    failure,
    async stop() {
      stopping = true;
      work.close();
      logger.info({ inFlight: work.size }, 'Shutting down: finishing replies in flight');
      await switching?.catch(() => undefined);
      await work.settle(drainTimeoutMs);
      const clients = new Set<Client>(retired);
      if (current) clients.add(current);
      await Promise.all([...clients].map((client) => client.destroy()));
    },
  };
}

/**
 * Says at start who owns the knowledge (a warning when nobody does), and which ids in KNOWLEDGE_GUILD_IDS,
 * DISCORD_GUILD_ID and ANSWER_CHANNEL_IDS the bot cannot see: a typo, or a server it is not in, is otherwise silent.
 * A shard sees only its own servers, so only an unsharded bot checks the ids.
 */
function checkServerSettings(client: Client<true>, { config, logger }: BotContext): void {
  const servers = knowledgeServers(config, client.guilds.cache);
  const said = describeKnowledgeServers(servers);
  logger[said.level]({ knowledgeServers: servers.ids }, said.message);
  if (config.sharding.mode !== 'single') return;
  const notIn = servers.ids.filter((id) => !client.guilds.cache.has(id));
  if (notIn.length > 0) logger.warn({ servers: notIn, from: servers.from }, `${servers.from} names servers the bot is not in: check the ids, or invite the bot there`);
  const unseen = config.answerChannelIds.filter((id) => !client.channels.cache.has(id));
  if (unseen.length > 0) logger.warn({ channels: unseen }, 'ANSWER_CHANNEL_IDS names channels the bot cannot see: check the ids, and that the bot is in their server with View Channel there');
}

function isDisallowedIntents(error: unknown): boolean {
  return error instanceof Error && /disallowed intents|privileged intent/i.test(`${error.message} ${String((error as { code?: unknown }).code ?? '')}`);
}

async function logIn(client: Client, token: string): Promise<Client<true>> {
  // Listen before logging in: the ready event can fire before login() resolves.
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return ready;
}
