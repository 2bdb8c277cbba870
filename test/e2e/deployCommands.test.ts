import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledScript } from '../support/compiled.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

const script = compiledScript('src/cli/deployCommands.ts');

let emu: DiscordEmulator;

beforeAll(async () => {
  emu = await DiscordEmulator.start();
});

afterAll(async () => {
  await emu.stop();
});

/** `npm run deploy-commands`, without npm: the script in a scratch folder with only `env`. */
async function deploy(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = await mkdtemp(path.join(tmpdir(), 'faq-bot-deploy-'));
  try {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
    return { code, stdout, stderr };
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('npm run deploy-commands', () => {
  it('registers the commands in the server and says so', async () => {
    const { code, stdout } = await deploy({ DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase, DISCORD_GUILD_ID: emu.guildId });
    expect(code).toBe(0);
    expect(stdout).toContain(`Slash commands registered (server ${emu.guildId})`);
    expect(emu.commands({ guildId: emu.guildId }).map((command) => command.name)).toContain('ask');
  });

  it('with --global: registers them globally and removes the server\'s copy, so the server lists each command once', async () => {
    const env = { DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase, DISCORD_GUILD_ID: emu.guildId };
    expect((await deploy(env)).code).toBe(0);
    expect(emu.commands({ guildId: emu.guildId }).map((command) => command.name)).toContain('ask');

    const { code, stdout } = await deploy(env, ['--global']);
    expect(code).toBe(0);
    expect(stdout).toContain('Slash commands registered (global)');
    expect(stdout).toContain(`registered to server ${emu.guildId}, so it lists each once`);
    expect(emu.commands().map((command) => command.name)).toContain('ask');
    expect(emu.commands({ guildId: emu.guildId })).toEqual([]);
  });

  it('registering to a server that also has them globally warns that it lists them twice, and how to fix it', async () => {
    const { code, stderr } = await deploy({ DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase, DISCORD_GUILD_ID: emu.guildId });
    expect(code).toBe(0);
    expect(stderr).toContain(`Server ${emu.guildId} (DISCORD_GUILD_ID) lists these slash commands twice`);
    expect(stderr).toContain('npm run deploy-commands -- --global');
  });

  it('takes its flags as its usage writes them, each after its own `--` (npm hands the second one through)', async () => {
    const env = { DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase, DISCORD_GUILD_ID: emu.guildId };
    const { code, stdout } = await deploy(env, ['--force', '--', '--global']);
    expect(code).toBe(0);
    expect(stdout).toContain('Slash commands registered (global)');
  });

  it('refuses an argument it does not know, with its usage', async () => {
    const { code, stderr } = await deploy({ DISCORD_TOKEN: emu.token, DISCORD_API_BASE: emu.apiBase }, ['--globall']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run deploy-commands');
  });

  it('a token Discord rejects: one line saying what to do, exit 1, no stack trace, no token', async () => {
    const wrongToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.WRONG1.abcdefghijklmnopqrstuvwxyz0123';
    const { code, stdout, stderr } = await deploy({ DISCORD_TOKEN: wrongToken, DISCORD_API_BASE: emu.apiBase, DISCORD_GUILD_ID: emu.guildId });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
    noStackTrace(`${stdout}${stderr}`);
    expect(`${stdout}${stderr}`).not.toContain('WRONG1');
  });

  it('an API it cannot reach: one line naming the address (without credentials), exit 1, no stack trace', async () => {
    const { code, stdout, stderr } = await deploy({
      DISCORD_TOKEN: emu.token,
      DISCORD_API_BASE: 'http://deployer:hunter2@127.0.0.1:9/api',
      DISCORD_CLIENT_ID: emu.applicationId,
      DISCORD_GUILD_ID: emu.guildId,
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('Could not reach Discord at http://***@127.0.0.1:9/api');
    noStackTrace(`${stdout}${stderr}`);
    expect(`${stdout}${stderr}`).not.toContain('hunter2');
  });
});
