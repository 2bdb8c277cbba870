// Part of `npm run build`: tsc emits only JavaScript, but modules read files that sit next to them
// (src/text/data/*.json, *.yaml …). Every file under src/ that is not TypeScript is copied to the
// same place under dist/src/, so the compiled modules find them exactly where the sources do.
import { cpSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = new URL('../', import.meta.url);
cpSync(fileURLToPath(new URL('src/', root)), fileURLToPath(new URL('dist/src/', root)), {
  recursive: true,
  filter: (source) => !source.endsWith('.ts'),
});

// The chat register is checked here, once, and written as JSON beside its YAML: the compiled
// modules read that at start instead of loading a YAML parser and a schema library (chatRegister.ts).
const { readChatRegisterYaml } = await import(new URL('dist/src/text/chatRegisterData.js', root).href);
const register = readChatRegisterYaml();
const registerJson = JSON.stringify(register);
if (!isDeepStrictEqual(JSON.parse(registerJson), register)) throw new Error('src/text/data/chat-register.yaml does not survive JSON unchanged');
writeFileSync(fileURLToPath(new URL('dist/src/text/data/chat-register.json', root)), registerJson);

// Last step of the build: the tests rebuild when a source is newer than this (test/support/buildBeforeTests.ts).
writeFileSync(fileURLToPath(new URL('dist/.build-stamp', root)), `${new Date().toISOString()}\n`);
