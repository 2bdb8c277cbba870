import { describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../src/ops/gatewayStatus.ts';
import { healthReport } from '../../src/ops/healthReport.ts';
import { createPrometheusMetrics } from '../../src/ops/prometheusMetrics.ts';
import type { QuestionLogStatus } from '../../src/ops/questionLogStatus.ts';
import type { KnowledgeStore, StoreStats } from '../../src/store/knowledgeStore.ts';

// The question log is wired in by the bot that has one; these pin what health and metrics make of it.
const stats: StoreStats = {
  version: 3,
  loadedAt: new Date(0),
  counts: { faq: 17, terms: 11, tableRows: 4, sources: 2, synonymGroups: 30 },
  lastReloadAt: null,
  lastReason: null,
  lastResult: null,
  watching: true,
};
const knowledge: Pick<KnowledgeStore, 'stats' | 'onReload'> = { stats: () => stats, onReload: () => () => undefined };
const ready: GatewayStatus = { ready: true, shards: [{ id: 0, status: 'Ready', pingMs: 40 }] };
const questionLog = (writable: boolean, depth = 0): QuestionLogStatus => ({ queueDepth: () => depth, health: () => ({ writable }) });

describe('what /healthz answers', () => {
  it('is healthy while the database is writable', () => {
    const report = healthReport({ gateway: () => ready, knowledge, questionLog: questionLog(true) });
    expect(report.status).toBe(200);
    expect(report.body.database).toEqual({ writable: true });
    expect(report.body.knowledge).toEqual({ loaded: true, version: 3, records: { faq: 17, terms: 11, tableRows: 4 }, lastReload: null });
    expect(report.body.gateway).toEqual(ready);
  });

  it('is 503 when the database stops accepting writes, even with the gateway ready', () => {
    const report = healthReport({ gateway: () => ready, knowledge, questionLog: questionLog(false) });
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({ healthy: false, database: { writable: false }, gateway: { ready: true } });
  });

  it('says, while the database is out of reach, how many rows wait to be written and why', () => {
    const down: QuestionLogStatus = { queueDepth: () => 12, health: () => ({ writable: false, queued: 12, dropped: 0, problem: 'the database at postgres://***@db:5432/faqbot cannot be reached' }) };
    const report = healthReport({ gateway: () => ready, knowledge, questionLog: down });
    expect(report.status).toBe(503);
    expect(report.body.database).toEqual({ writable: false, queued: 12, dropped: 0, problem: 'the database at postgres://***@db:5432/faqbot cannot be reached' });
  });

  it('with DATABASE_URL, says whether the host hears of the other hosts\' knowledge, and is 503 while it does not', () => {
    const sharing = (connected: boolean) => ({ status: () => ({ connected, version: 7, problem: connected ? null : 'unreachable' }) });
    const inTouch = healthReport({ gateway: () => ready, knowledge, questionLog: questionLog(true), sharedKnowledge: sharing(true) });
    expect(inTouch.status).toBe(200);
    expect(inTouch.body.knowledgeSharing).toEqual({ connected: true, version: 7, problem: null });
    const lost = healthReport({ gateway: () => ready, knowledge, questionLog: questionLog(true), sharedKnowledge: sharing(false) });
    expect(lost.status).toBe(503);
    expect(lost.body.knowledgeSharing).toEqual({ connected: false, version: 7, problem: 'unreachable' });
    expect(healthReport({ gateway: () => ready, knowledge }).body).not.toHaveProperty('knowledgeSharing');
  });

  it('is healthy without a question log, which it says is not configured', () => {
    const report = healthReport({ gateway: () => ready, knowledge });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ healthy: true, database: 'not configured' });
  });

  it('stays healthy after a failed reload, which it reports: the last good knowledge is still served', () => {
    const failed: Pick<KnowledgeStore, 'stats'> = { stats: () => ({ ...stats, lastReloadAt: new Date(1), lastReason: 'file change', lastResult: { ok: false, problemCount: 2 } }) };
    const report = healthReport({ gateway: () => ready, knowledge: failed, questionLog: questionLog(true) });
    expect(report.status).toBe(200);
    expect(report.body.knowledge.lastReload).toBe('failed');
    expect(healthReport({ gateway: () => ready, knowledge }).body.knowledge.lastReload).toBeNull();
  });

  it('is 503 when the gateway is not ready', () => {
    expect(healthReport({ gateway: () => ({ ready: false, shards: [] }), knowledge }).status).toBe(503);
  });
});

describe('metrics with a question log', () => {
  it('exports the queue depth read at scrape time', async () => {
    let depth = 4;
    const metrics = createPrometheusMetrics({ knowledge, gateway: () => ready, questionLog: { queueDepth: () => depth, health: () => ({ writable: true }) } });
    expect(await metrics.text()).toMatch(/^faqbot_question_log_queue_depth 4$/m);
    depth = 0;
    expect(await metrics.text()).toMatch(/^faqbot_question_log_queue_depth 0$/m);
    metrics.close();
  });
});
