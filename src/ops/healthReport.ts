import type { MeaningStatus } from '../meaning/meaningSearch.ts';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { SharedKnowledgeStatus } from '../store/sharedKnowledge.ts';
import type { GatewayStatus } from './gatewayStatus.ts';
import type { QuestionLogStatus } from './questionLogStatus.ts';

export interface HealthSources {
  readonly gateway: () => GatewayStatus;
  readonly knowledge: Pick<KnowledgeStore, 'stats'>;
  readonly questionLog?: QuestionLogStatus | undefined;
  /** With DATABASE_URL: whether this host hears of the other hosts' knowledge versions and can publish its own. */
  readonly sharedKnowledge?: { status(): SharedKnowledgeStatus } | undefined;
  /** The sentence encoder (MEANING); absent: off. */
  readonly meaning?: { status(): MeaningStatus } | undefined;
}

/** The question log's database: writable, or what waits to be written and why not. */
export type DatabaseHealth = { readonly writable: true } | { readonly writable: false; readonly queued: number; readonly dropped: number; readonly problem: string | null };

export interface HealthReport {
  /** 200 when everything the bot needs to answer works, 503 otherwise. */
  readonly status: 200 | 503;
  readonly body: {
    readonly healthy: boolean;
    readonly gateway: GatewayStatus;
    readonly knowledge: {
      readonly loaded: true;
      readonly version: number;
      readonly records: { readonly faq: number; readonly terms: number; readonly tableRows: number };
      /** The last reload's result: a failed one means edits on disk are not served (the last good knowledge is). */
      readonly lastReload: 'ok' | 'failed' | null;
    };
    readonly database: DatabaseHealth | 'not configured';
    /** Present with DATABASE_URL: the knowledge version this host serves, and whether it is in touch with the others. */
    readonly knowledgeSharing?: { readonly connected: boolean; readonly version: number | null; readonly problem: string | null };
    /**
     * The sentence encoder: off, starting, indexing (`embedded` of `total` phrasings; `serving`: the previous
     * knowledge's index answers meanwhile), ready, or failed (with the reason). None of these is unhealthy: until it
     * is ready, or when it failed, questions are answered by their words alone.
     */
    readonly encoder: MeaningStatus;
  };
}

/**
 * What `GET /healthz` answers. Unhealthy means a supervisor or load balancer should act: the gateway is not connected,
 * the question log cannot write (then how many rows wait in memory, and why), or with DATABASE_URL the host lost the
 * shared database. The bot still answers meanwhile (degraded): from the knowledge it has, queuing what it would write.
 * A failed knowledge reload is reported but is not unhealthy: the bot keeps answering from the last good knowledge,
 * and a restart would not fix the files. Nor is an encoder that is starting, indexing or failed: answers come from the
 * lexical search meanwhile, and a restart loop on a model that cannot load would only stop those too.
 */
export function healthReport({ gateway, knowledge, questionLog, sharedKnowledge, meaning }: HealthSources): HealthReport {
  const { version, counts, lastResult } = knowledge.stats();
  const gatewayNow = gateway();
  const log = questionLog?.health();
  const database: DatabaseHealth | 'not configured' =
    log === undefined ? 'not configured' : log.writable ? { writable: true } : { writable: false, queued: log.queued ?? 0, dropped: log.dropped ?? 0, problem: log.problem ?? null };
  const sharing = sharedKnowledge?.status();
  const healthy = gatewayNow.ready && (database === 'not configured' || database.writable) && (sharing === undefined || sharing.connected);
  return {
    status: healthy ? 200 : 503,
    body: {
      healthy,
      gateway: gatewayNow,
      knowledge: {
        loaded: true,
        version,
        records: { faq: counts.faq, terms: counts.terms, tableRows: counts.tableRows },
        lastReload: lastResult === null ? null : lastResult.ok ? 'ok' : 'failed',
      },
      database,
      ...(sharing ? { knowledgeSharing: { connected: sharing.connected, version: sharing.version, problem: sharing.problem } } : {}),
      encoder: meaning?.status() ?? { state: 'off' },
    },
  };
}
