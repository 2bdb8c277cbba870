import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

let emu: DiscordEmulator;
let bot: BotProcess;
let kb: TempKnowledge;
let base: string;

/** The port the bot chose (METRICS_PORT=0), from its own log line. */
async function opsBase(process: BotProcess): Promise<string> {
  const line = await process.waitForLog((entry) => entry.msg === 'Serving /healthz and /metrics');
  return `http://127.0.0.1:${String(line['port'])}`;
}

async function metricsText(): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, e.g. `faqbot_questions_total{source="slash",outcome="answered"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function eventuallySample(series: string, check: (value: number | undefined) => boolean): Promise<number | undefined> {
  let value: number | undefined;
  await expect.poll(async () => check((value = sample(await metricsText(), series))), { timeout: 10_000, interval: 200 }).toBe(true);
  return value;
}

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  kb = await makeTempKnowledge();
  bot = await startBotProcess(botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: `${kb.dir}-data`, METRICS_PORT: '0' }));
  base = await opsBase(bot);
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await kb.remove();
});

describe('GET /healthz', () => {
  it('answers 200 with the gateway, the knowledge and its version, and the question log database', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      healthy: true,
      gateway: { ready: true, shards: [{ id: 0, status: 'Ready' }] },
      knowledge: { loaded: true, version: 1, records: { faq: 17, terms: 11, tableRows: 4 } },
      database: { writable: true },
    });
  });

  it('answers 404 elsewhere and 405 to anything but GET', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('GET /metrics', () => {
  it('counts questions by source and outcome, with their latency', async () => {
    const asked = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'can openai use aws?' }] });
    await asked.message();
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'can openai use aws?', mentionsBot: true });
    await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: question.id });
    const offTopic = emu.sendMessage({ channelId: emu.channels.general.id, content: 'what is the capital of peru?', mentionsBot: true });
    await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: offTopic.id });

    await eventuallySample('faqbot_questions_total{source="mention",outcome="no_match"}', (value) => value === 1);
    const text = await metricsText();
    expect(sample(text, 'faqbot_questions_total{source="slash",outcome="answered"}')).toBe(1);
    expect(sample(text, 'faqbot_questions_total{source="mention",outcome="answered"}')).toBe(1);
    expect(sample(text, 'faqbot_answer_duration_seconds_count{source="mention"}')).toBe(2);
    expect(sample(text, 'faqbot_answer_duration_seconds_count{source="slash"}')).toBe(1);
    expect(sample(text, 'faqbot_answer_duration_seconds_bucket{le="+Inf",source="slash"}')).toBe(1);
  });

  it('reports the knowledge served, and counts reloads and failed reloads', async () => {
    let text = await metricsText();
    expect(sample(text, 'faqbot_knowledge_records{kind="faq"}')).toBe(17);
    expect(sample(text, 'faqbot_knowledge_records{kind="term"}')).toBe(11);
    expect(sample(text, 'faqbot_knowledge_reloads_total{result="ok"}')).toBe(0);
    expect(sample(text, 'faqbot_knowledge_reloads_total{result="failed"}')).toBe(0);

    // At least: an editor's save can reach the watcher as more than one change, each a reload.
    await kb.replace('faq.yaml', 'continues\n      **through 2032**.', 'continues\n      **through 2032** (edited).');
    const ok = await eventuallySample('faqbot_knowledge_reloads_total{result="ok"}', (value) => (value ?? 0) >= 1);
    expect(sample(await metricsText(), 'faqbot_knowledge_reloads_total{result="failed"}')).toBe(0);
    const terms = await kb.read('terms.yaml');
    await kb.write('terms.yaml', terms.replace('sources: [article]', 'sources: [nowhere]'));
    await eventuallySample('faqbot_knowledge_reloads_total{result="failed"}', (value) => (value ?? 0) >= 1);
    text = await metricsText();
    expect(sample(text, 'faqbot_knowledge_version')).toBe(2);

    const health = (await (await fetch(`${base}/healthz`)).json()) as { healthy: boolean; knowledge: { version: number; lastReload: string } };
    // The bot keeps answering from the last good knowledge: reported, but not unhealthy.
    expect(health).toMatchObject({ healthy: true, knowledge: { version: 2, lastReload: 'failed' } });
    await kb.write('terms.yaml', terms);
    await eventuallySample('faqbot_knowledge_reloads_total{result="ok"}', (value) => (value ?? 0) > (ok ?? 0));
  });

  it('reports the gateway: ready, ping per shard, reconnects', async () => {
    await eventuallySample('faqbot_gateway_ping_seconds{shard="0"}', (value) => value !== undefined && value >= 0);
    expect(sample(await metricsText(), 'faqbot_gateway_ready')).toBe(1);
    // Read rather than assumed 0: on a busy machine a late heartbeat can already have cost a reconnect.
    const before = sample(await metricsText(), 'faqbot_gateway_reconnects_total') ?? Number.NaN;
    expect(before).toBeGreaterThanOrEqual(0);
    const resumes = emu.resumes.length;
    await emu.disconnectClients(4000);
    await emu.waitForResume(10_000, resumes + 1);
    await eventuallySample('faqbot_gateway_reconnects_total', (value) => value !== undefined && value >= before + 1);
  });

  it('has the process metrics and the question log queue depth', async () => {
    const text = await metricsText();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'faqbot_question_log_queue_depth')).toBeGreaterThanOrEqual(0);
  });
});

describe('while the bot is not connected', () => {
  it('/healthz answers 503 until the gateway is ready, then 200', async () => {
    const slowEmu = await DiscordEmulator.start({ heartbeatIntervalMs: 500 });
    // The first IDENTIFY is refused with a resumable close: discord.js waits and identifies again.
    slowEmu.rejectIdentify(4000);
    const slowBot = await startBotProcess(botEnv(slowEmu, { METRICS_PORT: '0' }), { waitForReady: false });
    try {
      const slowBase = await opsBase(slowBot);
      const first = await fetch(`${slowBase}/healthz`);
      expect(first.status).toBe(503);
      expect(await first.json()).toMatchObject({ healthy: false, gateway: { ready: false }, knowledge: { loaded: true } });
      await expect.poll(async () => (await fetch(`${slowBase}/healthz`)).status, { timeout: 20_000, interval: 250 }).toBe(200);
    } finally {
      expect(await slowBot.stop()).toBe(0);
      await slowEmu.stop();
    }
  });

  it('exits 1 naming METRICS_PORT when the port is taken', async () => {
    const taken = new URL(base).port;
    const second = await startBotProcess(botEnv(emu, { METRICS_PORT: taken }), { waitForReady: false });
    expect(await second.exited).toBe(1);
    expect(second.stdout()).toMatch(new RegExp(`127\\.0\\.0\\.1:${taken} is already in use: set METRICS_PORT to a free port`));
    expect(second.stdout()).not.toContain(emu.token);
  });
});
