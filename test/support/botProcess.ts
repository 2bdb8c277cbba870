import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiscordEmulator } from './emulator/index.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

/** One log line of the bot (pino JSON), or the raw text when it is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/**
 * The real bot, started exactly as `npm start` starts it (same entry point, same config parsing),
 * in its own process, with DISCORD_API_BASE pointing at the emulator.
 */
export interface BotProcess {
  readonly logs: LogLine[];
  readonly stdout: () => string;
  readonly stderr: () => string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

export function botEnv(emu: DiscordEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: emu.token,
    DISCORD_API_BASE: emu.apiBase,
    DISCORD_GUILD_ID: emu.guildId,
    LOG_LEVEL: 'debug',
    COOLDOWN_SECONDS: '0',
    ...extra,
  };
}

export async function startBotProcess(env: Record<string, string>, { waitForReady = true, args = [] as string[] } = {}): Promise<BotProcess> {
  // A scratch working directory, so a developer's own .env can never leak into a test.
  const cwd = await mkdtemp(path.join(tmpdir(), 'faq-bot-run-'));
  const child: ChildProcessWithoutNullStreams = spawn(tsx, [path.join(projectRoot, 'src', 'main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rm(cwd, { recursive: true, force: true }));

  const waitForLog = (predicate: (line: LogLine) => boolean, timeoutMs = 15_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate);
        if (!found) return false;
        waiters.delete(check as () => void);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check as () => void);
        reject(new Error(`bot log line not seen in ${timeoutMs} ms.\nstdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-2000)}`));
      }, timeoutMs);
      if (!check()) waiters.add(check as () => void);
      void exited.then(() => {
        if (waiters.has(check as () => void) && !check()) {
          waiters.delete(check as () => void);
          clearTimeout(timer);
          reject(new Error(`bot exited before the log line.\nstdout:\n${stdout.slice(-3000)}\nstderr:\n${stderr.slice(-2000)}`));
        }
      });
    });

  const bot: BotProcess = {
    logs,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLog,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (waitForReady) {
    await waitForLog((line) => line.msg === 'Slash commands already up to date' || line.msg === 'Registered slash commands');
  }
  return bot;
}
