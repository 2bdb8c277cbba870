import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The compiled JavaScript `npm start` / `npm run <script>` runs for a source file: `src/main.ts` → `dist/src/main.js`.
 * Tests that spawn the bot or a terminal tool run what production runs; the build is brought up to date before the
 * tests start (test/support/buildBeforeTests.ts).
 */
export function compiledScript(sourcePath: string): string {
  const file = path.join(projectRoot, 'dist', sourcePath.replace(/\.ts$/, '.js'));
  if (!existsSync(file)) throw new Error(`${path.relative(projectRoot, file)} is missing: run \`npm run build\``);
  return file;
}
