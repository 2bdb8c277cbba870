import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compiledScript, projectRoot } from '../support/compiled.ts';
import { noMatch, openLog, tempDataDir } from '../questionLog/logSandbox.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faq-bot-dotenv-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A terminal tool started in `cwd` with only these variables (no DOTENV_CONFIG_PATH unless given), as a moderator's shell would. */
function runTool(script: string, args: readonly string[], cwd: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A DATA_DIR whose question log holds one unanswered question. */
async function dataDirAsked(question: string): Promise<string> {
  const { dir, remove } = await tempDataDir();
  cleanups.push(remove);
  const log = openLog(dir);
  await log.ready();
  log.record({ guildId: null, channelKind: 'slash', userId: '1', question, reply: noMatch });
  await log.close();
  return dir;
}

describe('the terminal tools read .env as the bot does', () => {
  it('npm run ask answers from the KNOWLEDGE_DIR set in the .env of the folder it starts in, printing nothing else', async () => {
    const folder = await tempFolder();
    await writeFile(path.join(folder, '.env'), `# as copied from .env.example\nDISCORD_TOKEN=\nKNOWLEDGE_DIR=${path.join(projectRoot, 'test', 'fixtures', 'mini-knowledge')}\nMEANING=\n`);
    const { status, stdout, stderr } = runTool(path.join(projectRoot, 'dist', 'bundle', 'ask.js'), ['--json', 'When is the office open?'], folder, {});
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'answered', id: 'office-hours' });
  });

  it('npm run gaps reads the DATA_DIR of the .env DOTENV_CONFIG_PATH names; a DATA_DIR in the environment wins over it', async () => {
    const fromDotEnv = await dataDirAsked('does the deal cover quantum computing');
    const fromEnvironment = await dataDirAsked('who owns the office plants');
    const dotEnv = path.join(await tempFolder(), 'bot.env');
    await writeFile(dotEnv, `DATA_DIR=${fromDotEnv}\nDATABASE_URL=\n`);
    const gaps = compiledScript('src/cli/gaps.ts');
    const elsewhere = await tempFolder();
    const questionsOf = (stdout: string) => stdout.trim().split('\n').map((line) => (JSON.parse(line) as { question: string }).question);

    const read = runTool(gaps, ['--json'], elsewhere, { DOTENV_CONFIG_PATH: dotEnv });
    expect(read.stderr).toBe('');
    expect(questionsOf(read.stdout)).toEqual(['does the deal cover quantum computing']);

    const overridden = runTool(gaps, ['--json'], elsewhere, { DOTENV_CONFIG_PATH: dotEnv, DATA_DIR: fromEnvironment });
    expect(overridden.stderr).toBe('');
    expect(questionsOf(overridden.stdout)).toEqual(['who owns the office plants']);
  });
});
