import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compiledScript } from './compiled.ts';
import type { DiscordEmulator } from './emulator/index.ts';

export { projectRoot } from './compiled.ts';

/** The production start command, `node dist/src/main.js`: the compiled bot, no npm process in between. */
export const botCommand: readonly [string, ...string[]] = [process.execPath, compiledScript('src/main.ts')];

/**
 * Stands in for `npm start` or a supervisor: starts the bot with inherited stdio, prints its pid, and then does
 * nothing — so killing it leaves the bot orphaned, as npm 11 does when it gets SIGTERM.
 */
const parentScript = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const bot = spawn(command, args, { stdio: 'inherit' });
process.stderr.write('bot pid ' + bot.pid + '\\n');
bot.on('exit', (code) => process.exit(code ?? 1));
`;

/** One log line of the bot (pino JSON), or the raw text when it is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number; time?: number };

/**
 * The real bot, started with the production command (same entry point, same config parsing), in its own process,
 * with DISCORD_API_BASE pointing at the emulator.
 */
export interface BotProcess {
  readonly logs: LogLine[];
  readonly stdout: () => string;
  readonly stderr: () => string;
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends SIGTERM (to the parent, when there is one) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * The bot's exit code. Under a parent that was killed, the bot's own code can't be collected (it is no longer our
   * grandchild's parent's business): it resolves with null once the bot has closed its output, i.e. exited.
   */
  readonly exited: Promise<number | null>;
  /** The bot's process id (not the parent's). */
  readonly pid: number;
  /** With `underParent`: kills the parent without passing anything on to the bot. */
  killParent(signal?: NodeJS.Signals): void;
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

export interface StartOptions {
  waitForReady?: boolean;
  args?: string[];
  /** Start the bot under a parent process (see parentScript), as `npm start` or a supervisor would. */
  underParent?: boolean;
  /** Start it some other way, e.g. `['npm', 'start']` with `cwd: projectRoot`. */
  command?: readonly [string, ...string[]];
  cwd?: string;
}

export async function startBotProcess(
  env: Record<string, string>,
  { waitForReady = true, args = [], underParent = false, command, cwd: givenCwd }: StartOptions = {},
): Promise<BotProcess> {
  // A scratch working directory, so a developer's own .env can never leak into a test.
  const scratch = await mkdtemp(path.join(tmpdir(), 'faq-bot-run-'));
  const [file, ...fileArgs] = command ?? [...botCommand, ...args];
  const spawnArgs = underParent ? ['-e', parentScript, JSON.stringify([file, ...fileArgs])] : fileArgs;
  const child: ChildProcessWithoutNullStreams = spawn(underParent ? process.execPath : file, spawnArgs, {
    cwd: givenCwd ?? scratch,
    // DOTENV_CONFIG_PATH: even when started in the project folder (npm start), no .env is read. DATA_DIR: unless a
    // test names one, the question log goes to the scratch folder, not to data/ beside the bundled knowledge (the
    // checkout), where a real bot's /kb gaps would show the tests' questions.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_PATH: path.join(scratch, '.env'), DATA_DIR: path.join(scratch, 'data'), ...env },
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let botPid = underParent ? 0 : (child.pid ?? 0);
  const pidKnown = new Promise<void>((resolve) => {
    if (!underParent) return resolve();
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /bot pid (\d+)/.exec(seen);
      if (match && !botPid) {
        botPid = Number(match[1]);
        resolve();
      }
    });
    child.once('exit', () => resolve());
  });
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
  // The bot inherits the pipes, so they close when the last process holding them — the bot — has exited.
  const outputClosed = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
  const childExited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let parentKilled = false;
  /** Everything the parent had started when it was killed; stop() cleans up whatever outlived it. */
  let orphans: number[] = [];
  const exited = Promise.all([childExited, outputClosed]).then(([code]) => (parentKilled ? null : code));
  void exited.then(() => rm(scratch, { recursive: true, force: true }));

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

  await pidKnown;
  const bot: BotProcess = {
    logs,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLog,
    exited,
    get pid() {
      return botPid;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      for (const pid of orphans) if (isRunning(pid)) process.kill(pid, signal);
      return exited;
    },
    killParent(signal = 'SIGKILL') {
      if (!underParent && !command) throw new Error('killParent() needs a bot started underParent (or through a command)');
      parentKilled = true;
      orphans = child.pid ? descendantsOf(child.pid) : [];
      child.kill(signal);
    },
  };
  if (waitForReady) {
    await waitForLog((line) => line.msg === 'Slash commands already up to date' || line.msg === 'Registered slash commands');
  }
  return bot;
}

/** Whether a process with this id is alive: it exists (signal 0 sends nothing) and is not a zombie awaiting its reaper. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The process ids below `pid` (children, grandchildren…), read from /proc; empty where there is no /proc. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      // Field 4 of /proc/PID/stat, after the parenthesised command name (which may contain spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [child, parent] of parents) {
      if (parent === current && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
