import { describe, expect, it } from 'vitest';
import type { MeaningStatus } from '../../src/meaning/meaningSearch.ts';
import type { GatewayStatus } from '../../src/ops/gatewayStatus.ts';
import { healthReport } from '../../src/ops/healthReport.ts';
import type { KnowledgeStore, StoreStats } from '../../src/store/knowledgeStore.ts';

const stats: StoreStats = {
  version: 1,
  loadedAt: new Date(0),
  counts: { faq: 17, terms: 11, tableRows: 4, sources: 2, synonymGroups: 30 },
  lastReloadAt: null,
  lastReason: null,
  lastResult: null,
  watching: true,
};
const knowledge: Pick<KnowledgeStore, 'stats'> = { stats: () => stats };
const ready: GatewayStatus = { ready: true, shards: [{ id: 0, status: 'Ready', pingMs: 40 }] };

describe('/healthz and the sentence encoder', () => {
  it('says off when the bot runs without it', () => {
    expect(healthReport({ gateway: () => ready, knowledge }).body.encoder).toEqual({ state: 'off' });
  });

  it('says how far it is, healthy while it starts, indexes and once it failed (answers come from the words meanwhile)', () => {
    const states: MeaningStatus[] = [
      { state: 'starting' },
      { state: 'indexing', embedded: 320, total: 10_000, serving: false },
      { state: 'ready', records: 29, phrasings: 280 },
      { state: 'failed', reason: 'The model files are missing' },
    ];
    for (const status of states) {
      const report = healthReport({ gateway: () => ready, knowledge, meaning: { status: () => status } });
      expect(report.body.encoder).toEqual(status);
      expect(report.status).toBe(200);
    }
  });
});
