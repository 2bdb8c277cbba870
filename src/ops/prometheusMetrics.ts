import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { GatewayStatus } from './gatewayStatus.ts';
import type { BotMetrics, QuestionOutcome, QuestionSource } from './botMetrics.ts';
import type { QuestionLogStatus } from './questionLogStatus.ts';

export interface MetricSources {
  readonly knowledge: Pick<KnowledgeStore, 'stats' | 'onReload'>;
  readonly gateway: () => GatewayStatus;
  readonly questionLog?: QuestionLogStatus | undefined;
}

export interface PrometheusMetrics {
  /** Handed to the Discord layer (BotContext.metrics). */
  readonly recorder: BotMetrics;
  readonly contentType: string;
  /** The exposition text for `GET /metrics`. */
  text(): Promise<string>;
  /** Stops listening to the knowledge store. */
  close(): void;
}

// From a cached answer (~1 ms) to a slow Discord API (seconds): answers are mostly engine time plus one REST call.
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric the bot exports, in one registry. Counters are fed through `recorder` (the Discord layer's hooks) and
 * the knowledge store's reload events; gauges read their sources when Prometheus scrapes, so nothing polls.
 */
export function createPrometheusMetrics({ knowledge, gateway, questionLog }: MetricSources): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const questions = new Counter({
    name: 'faqbot_questions_total',
    help: 'Questions the bot read and decided on, by where they came from and what it did',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const answerSeconds = new Histogram({
    name: 'faqbot_answer_duration_seconds',
    help: 'From receiving a question to the reply being sent',
    labelNames: ['source'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'faqbot_knowledge_reloads_total',
    help: 'Knowledge reloads (files changed, /kb reload, /kb edits) by result: ok, or failed (the last good knowledge stays in service)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const interactionErrors = new Counter({
    name: 'faqbot_interaction_errors_total',
    help: 'Interactions whose handler failed unexpectedly (the member got an apology)',
    registers: [registry],
  });
  const reconnects = new Counter({
    name: 'faqbot_gateway_reconnects_total',
    help: 'Times a gateway connection closed and discord.js reconnected (resume or new session)',
    registers: [registry],
  });
  new Gauge({
    name: 'faqbot_knowledge_records',
    help: 'Records in the knowledge being served, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const { counts } = knowledge.stats();
      this.set({ kind: 'faq' }, counts.faq);
      this.set({ kind: 'term' }, counts.terms);
      this.set({ kind: 'table_row' }, counts.tableRows);
    },
  });
  new Gauge({
    name: 'faqbot_knowledge_version',
    help: 'Version of the knowledge being served (1 at start, +1 per reload that changed something)',
    registers: [registry],
    collect() {
      this.set(knowledge.stats().version);
    },
  });
  new Gauge({
    name: 'faqbot_gateway_ready',
    help: '1 when every shard of this process is connected and ready, else 0',
    registers: [registry],
    collect() {
      this.set(gateway().ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'faqbot_gateway_ping_seconds',
    help: 'Gateway heartbeat round trip per shard',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const shard of gateway().shards) if (shard.pingMs !== null) this.set({ shard: String(shard.id) }, shard.pingMs / 1000);
    },
  });
  // Exported only when there is a question log: an absent series says "not configured", a 0 would say "empty queue".
  if (questionLog) {
    new Gauge({
      name: 'faqbot_question_log_queue_depth',
      help: 'Question log entries waiting to be written',
      registers: [registry],
      collect() {
        this.set(questionLog.queueDepth());
      },
    });
  }

  const stopWatching = knowledge.onReload((event) => reloads.inc({ result: event.result.ok ? 'ok' : 'failed' }));
  // Both results start at 0, so a rate() over them works before the first reload.
  reloads.inc({ result: 'ok' }, 0);
  reloads.inc({ result: 'failed' }, 0);

  return {
    recorder: {
      question(source: QuestionSource, outcome: QuestionOutcome, secondsToReply?: number) {
        questions.inc({ source, outcome });
        if (secondsToReply !== undefined) answerSeconds.observe({ source }, secondsToReply);
      },
      interactionFailed: () => interactionErrors.inc(),
      gatewayReconnect: () => reconnects.inc(),
    },
    contentType: registry.contentType,
    text: () => registry.metrics(),
    close: stopWatching,
  };
}
