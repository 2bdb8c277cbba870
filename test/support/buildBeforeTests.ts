import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './compiled.ts';

const stamp = path.join(projectRoot, 'dist', '.build-stamp');
const inputs = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundleCli.mjs', 'scripts/copyRuntimeFiles.mjs'];

function newestChange(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function builtAt(): number {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * vitest global setup. The e2e and CLI tests spawn the compiled bot and tools (dist/), as production runs them; a build
 * older than the sources would test yesterday's code. `npm ci` builds (prepare), so in CI this is a no-op; after an
 * edit it rebuilds once (tsc is incremental) before any test starts.
 */
export default function buildBeforeTests(): void {
  const sourcesChanged = Math.max(...inputs.map((input) => newestChange(path.join(projectRoot, input))));
  if (sourcesChanged <= builtAt()) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit' });
}
