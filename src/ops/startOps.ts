import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/botConfig.ts';
import type { MeaningStatus } from '../meaning/meaningSearch.ts';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { SharedKnowledgeStatus } from '../store/sharedKnowledge.ts';
import { gatewayStatus } from './gatewayStatus.ts';
import { healthReport } from './healthReport.ts';
import { startOpsServer } from './opsServer.ts';
import { createPrometheusMetrics } from './prometheusMetrics.ts';
import type { BotMetrics } from './botMetrics.ts';
import type { QuestionLogStatus } from './questionLogStatus.ts';

export interface Ops {
  readonly metrics: BotMetrics;
  close(): Promise<void>;
}

export interface OpsSources {
  readonly knowledge: KnowledgeStore;
  /** The connected client, once there is one (it changes when the bot falls back to no Message Content). */
  readonly client: () => Client | undefined;
  readonly questionLog?: QuestionLogStatus | undefined;
  readonly sharedKnowledge?: { status(): SharedKnowledgeStatus } | undefined;
  /** The sentence encoder (MEANING), reported by /healthz. */
  readonly meaning?: { status(): MeaningStatus } | undefined;
}

/** Thrown when METRICS_PORT cannot be bound: the message names the variable and the fix. */
export class OpsPortError extends Error {}

/**
 * The metrics recorder the Discord layer reports to (always: counting costs nothing), and with METRICS_PORT the
 * /healthz and /metrics server. Under the sharding manager every shard process serves its own: METRICS_PORT + shard id.
 */
export async function startOps(config: BotConfig, sources: OpsSources, logger: Logger): Promise<Ops> {
  const gateway = () => gatewayStatus(sources.client());
  const metrics = createPrometheusMetrics({ knowledge: sources.knowledge, gateway, questionLog: sources.questionLog });
  if (!config.metrics) return { metrics: metrics.recorder, close: async () => metrics.close() };

  const { sharding } = config;
  const offset = sharding.mode === 'shards' && sharding.underManager && config.metrics.port !== 0 ? (sharding.ids[0] ?? 0) : 0;
  const port = config.metrics.port + offset;
  try {
    const server = await startOpsServer(
      { host: config.metrics.host, port },
      {
        health: () => healthReport({ gateway, knowledge: sources.knowledge, questionLog: sources.questionLog, sharedKnowledge: sources.sharedKnowledge, meaning: sources.meaning }),
        metrics: async () => ({ contentType: metrics.contentType, text: await metrics.text() }),
      },
      logger,
    );
    return {
      metrics: metrics.recorder,
      close: async () => {
        metrics.close();
        await server.close();
      },
    };
  } catch (error) {
    metrics.close();
    const code = (error as { code?: unknown }).code;
    const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : `cannot be used (${String(code ?? error)})`;
    const what = code === 'EADDRNOTAVAIL' ? `METRICS_HOST ${config.metrics.host}` : `${config.metrics.host}:${port}`;
    throw new OpsPortError(
      `${what} ${why}: set METRICS_PORT to a free port${offset ? ` (each shard process uses METRICS_PORT + its shard id)` : ''} and METRICS_HOST to an address of this machine, or leave METRICS_PORT empty`,
    );
  }
}
