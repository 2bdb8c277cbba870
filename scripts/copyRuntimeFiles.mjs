// Part of `npm run build`: tsc emits only JavaScript, but modules read files that sit next to them
// (src/text/data/*.json, *.yaml …). Every file under src/ that is not TypeScript is copied to the
// same place under dist/src/, so the compiled modules find them exactly where the sources do.
import { cpSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
cpSync(fileURLToPath(new URL('src/', root)), fileURLToPath(new URL('dist/src/', root)), {
  recursive: true,
  filter: (source) => !source.endsWith('.ts'),
});

// Last step of the build: the tests rebuild when a source is newer than this (test/support/buildBeforeTests.ts).
writeFileSync(fileURLToPath(new URL('dist/.build-stamp', root)), `${new Date().toISOString()}\n`);
