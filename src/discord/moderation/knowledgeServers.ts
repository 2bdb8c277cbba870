import type { BotConfig } from '../../config/botConfig.ts';

/** The servers whose moderators own the knowledge, and which setting (or default) named them. */
export type KnowledgeServers =
  | { readonly ids: readonly string[]; readonly from: 'KNOWLEDGE_GUILD_IDS' | 'DISCORD_GUILD_ID' | 'only server' }
  | { readonly ids: readonly []; readonly from: 'none' };

/** The servers the bot is in, as its client's guild cache holds them. */
export interface BotServers {
  readonly size: number;
  keys(): IterableIterator<string>;
}

/**
 * One knowledge serves every server the bot is in, so who may change it is the operator's choice, not any server's:
 * KNOWLEDGE_GUILD_IDS; else DISCORD_GUILD_ID (the server being set up); else the one server the bot is in, while it
 * is in one only — a second server is someone else's, so then no server may until the operator says which. A shard
 * process sees only its shard's servers, so a sharded bot never takes that last default.
 */
export function knowledgeServers(config: Pick<BotConfig, 'knowledgeGuildIds' | 'guildId' | 'sharding'>, botServers: BotServers): KnowledgeServers {
  if (config.knowledgeGuildIds.length > 0) return { ids: config.knowledgeGuildIds, from: 'KNOWLEDGE_GUILD_IDS' };
  if (config.guildId !== undefined) return { ids: [config.guildId], from: 'DISCORD_GUILD_ID' };
  if (config.sharding.mode === 'single' && botServers.size === 1) return { ids: [...botServers.keys()], from: 'only server' };
  return { ids: [], from: 'none' };
}

/** How a server stands to the knowledge: one of its owners, another server, or there are no owners at all. */
export function standingOf(servers: KnowledgeServers, guildId: string | null): 'knowledge server' | 'other server' | 'no knowledge server' {
  if (servers.from === 'none') return 'no knowledge server';
  return guildId !== null && servers.ids.includes(guildId) ? 'knowledge server' : 'other server';
}

/** What the bot logs at start about who owns the knowledge: a warning when nobody can change it. */
export function describeKnowledgeServers(servers: KnowledgeServers): { readonly level: 'info' | 'warn'; readonly message: string } {
  switch (servers.from) {
    case 'none':
      return {
        level: 'warn',
        message:
          'No knowledge server: /kb changes are refused in every server. Set KNOWLEDGE_GUILD_IDS in .env to the ids of the servers whose moderators own the knowledge, and restart',
      };
    case 'only server':
      return {
        level: 'info',
        message: 'Knowledge server: the one server the bot is in (KNOWLEDGE_GUILD_IDS and DISCORD_GUILD_ID are empty); set KNOWLEDGE_GUILD_IDS before adding the bot to another server',
      };
    default:
      return { level: 'info', message: `Knowledge servers from ${servers.from}` };
  }
}
