import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { GatewayStatus } from './gatewayStatus.ts';
import type { QuestionLogStatus } from './questionLogStatus.ts';

export interface HealthSources {
  readonly gateway: () => GatewayStatus;
  readonly knowledge: Pick<KnowledgeStore, 'stats'>;
  readonly questionLog?: QuestionLogStatus | undefined;
}

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
    readonly database: { readonly writable: boolean } | 'not configured';
  };
}

/**
 * What `GET /healthz` answers. Unhealthy means a supervisor or load balancer should act: the gateway is not connected,
 * or the question log cannot write. A failed knowledge reload is reported but is not unhealthy: the bot keeps
 * answering from the last good knowledge, and a restart would not fix the files.
 */
export function healthReport({ gateway, knowledge, questionLog }: HealthSources): HealthReport {
  const { version, counts, lastResult } = knowledge.stats();
  const gatewayNow = gateway();
  const database = questionLog ? { writable: questionLog.health().writable } : 'not configured';
  const healthy = gatewayNow.ready && (database === 'not configured' || database.writable);
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
    },
  };
}
