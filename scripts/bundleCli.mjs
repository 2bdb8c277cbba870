// Part of `npm run build`, after tsc: the terminal tools that answer questions (`npm run ask`,
// `npm run chat`) are also bundled from tsc's output into dist/bundle/, one file each (plus shared
// chunks and the parts loaded only when needed, such as the knowledge parser on a cache miss).
// Loading one file instead of ~40 modules is a good part of the start-up of a process that
// answers one question and exits. The code is tsc's output unchanged, and the modules in dist/src/
// stay what the bot, the other tools and the tests run; test/cli/bundle.test.ts checks that both
// give the same answers.
// ask.ts and chat.ts import 'dotenv/config' first; in the bundle it runs after the shared chunks they
// import, which changes nothing as long as no module reads process.env while it loads (main() does).
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = path.join(root, 'dist', 'bundle');
const compiledSources = path.join(root, 'dist', 'src') + path.sep;

// Modules find their data files (and the project folder) from their own location, import.meta.url.
// In a bundle that is the bundle's location, so each module's import.meta.url is replaced by where
// the module itself sits in dist/src/: every file is found exactly as without the bundle.
const keepModuleLocations = {
  name: 'keep-module-locations',
  setup(builder) {
    builder.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
      if (!file.startsWith(compiledSources)) return undefined;
      const source = await readFile(file, 'utf8');
      const relative = path.relative(outdir, file).split(path.sep).join('/');
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

// Chunk names change with their contents: start from an empty folder so none from an older build is left.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { ask: path.join(compiledSources, 'cli', 'ask.js'), chat: path.join(compiledSources, 'cli', 'chat.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, loaded as they are without the bundle.
  packages: 'external',
  plugins: [keepModuleLocations],
  logLevel: 'warning',
});
