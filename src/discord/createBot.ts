import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { BotContext, CommandModule } from './commandModule.ts';
import { Cooldowns } from './cooldowns.ts';
import { handleInteraction } from './handleInteraction.ts';
import { handleMessage } from './handleMessage.ts';
import { noPings } from './interactionReplies.ts';
import { formatChanges, formatProblems } from './moderation/kbMessages.ts';
import { postToModLog } from './moderation/modLog.ts';
import { registerCommands } from './registerCommands.ts';
import { fileChangeReason } from '../store/knowledgeStore.ts';

export interface RunningBot {
  readonly client: Client<true>;
  /** Stops taking new work, lets replies in flight finish, then disconnects. */
  stop(): Promise<void>;
}

function createClient(context: BotContext, withMessageContent: boolean): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (withMessageContent) intents.push(GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    // DM channels are not cached until used; without this partial, DMs never arrive.
    partials: [Partials.Channel],
    rest: { api: context.config.apiBase },
    allowedMentions: noPings,
  });
}

function isDisallowedIntents(error: unknown): boolean {
  return error instanceof Error && /disallowed intents|privileged intent/i.test(`${error.message} ${(error as { code?: unknown }).code ?? ''}`);
}

/** Logs in, wiring every event through the dispatcher; falls back to no Message Content if Discord refuses it. */
export async function startBot(context: BotContext, commands: ReadonlyMap<string, CommandModule>): Promise<RunningBot> {
  const { config, logger } = context;
  try {
    return wire(await logIn(createClient(context, config.messageContentIntent), config.token), context, commands);
  } catch (error) {
    if (!config.messageContentIntent || !isDisallowedIntents(error)) throw error;
    logger.warn(
      'Discord refused the Message Content intent: it is not enabled for this bot in the Developer Portal (Bot → Privileged Gateway Intents). ' +
        'Continuing without it: mentions, replies to the bot, DMs and slash commands still work; plain questions in answer channels will not be seen.',
    );
    return wire(await logIn(createClient(context, false), config.token), context, commands);
  }
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

async function wire(client: Client<true>, context: BotContext, commands: ReadonlyMap<string, CommandModule>): Promise<RunningBot> {
  const { config, logger } = context;
  const channels = { cooldowns: new Cooldowns(config.cooldownSeconds), answerChannelIds: new Set(config.answerChannelIds) };
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const track = (work: () => Promise<void>, what: string) => {
    if (!accepting) return;
    const task = work()
      .catch((error: unknown) => logger.error({ err: error, what }, 'Handler failed'))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  client.on(Events.InteractionCreate, (interaction) => track(() => handleInteraction(interaction, commands, context), 'interaction'));
  client.on(Events.MessageCreate, (message) => track(() => handleMessage(message, client, context, channels), 'message'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'Gateway disconnected'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'Gateway session resumed'));

  context.moderation?.store.onReload((event) => {
    // Edits and /kb reloads are reported by their own command; this covers edits made to the files.
    if (event.reason !== fileChangeReason) return;
    const message = event.result.ok
      ? `🔄 Knowledge files changed on disk and were reloaded (version ${event.result.version}): ${formatChanges(event.result.changes)}.`
      : formatProblems(`⚠️ The knowledge files changed on disk but do not validate; still serving version ${event.snapshot.version}.`, event.result.problems);
    track(() => postToModLog(client, config.modLogChannelId, message, logger), 'mod-log');
  });

  const { engine } = context.knowledge.current();
  logger.info(
    {
      tag: client.user.tag,
      guilds: client.guilds.cache.size,
      faq: engine.knowledge.faq.length,
      terms: engine.knowledge.terms.length,
      tableRows: engine.knowledge.table.rows.length,
      messageContent: client.options.intents.has(GatewayIntentBits.MessageContent),
    },
    'Bot is ready',
  );

  try {
    await registerCommands(
      { token: config.token, apiBase: config.apiBase, applicationId: config.clientId ?? client.application.id, guildId: config.guildId },
      [...commands.values()].map((command) => command.data.toJSON()),
      logger,
    );
  } catch (error) {
    // The bot still answers mentions without slash commands; a registration failure must not stop it.
    logger.error({ err: error }, 'Could not register slash commands; run `npm run deploy-commands` to retry');
  }

  return {
    client,
    async stop() {
      accepting = false;
      logger.info({ inFlight: inFlight.size }, 'Shutting down: finishing replies in flight');
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      await client.destroy();
    },
  };
}
