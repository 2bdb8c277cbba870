import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './compiled.ts';

// Installed packages, the build (made before the tests start, by buildBeforeTests.ts) and git's own files.
const notTheTests = new Set(['.git', 'node_modules', 'dist']);

/** Every file of the checkout outside those folders, with when it last changed. */
function filesOfCheckout(dir = projectRoot, found = new Map<string, number>()): Map<string, number> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(dir === projectRoot && notTheTests.has(entry.name))) filesOfCheckout(file, found);
    } else {
      found.set(path.relative(projectRoot, file), statSync(file).mtimeMs);
    }
  }
  return found;
}

/**
 * vitest global setup: tests write only to temporary folders. A run that creates or changes a file in the checkout
 * (the bot's question log in ./data, a knowledge file) fails at the end, naming the files.
 */
export default function checkoutUntouched(): () => void {
  const before = filesOfCheckout();
  return () => {
    const written = [...filesOfCheckout()].filter(([file, changedAt]) => before.get(file) !== changedAt).map(([file]) => file);
    if (written.length > 0) {
      // vitest reports an error thrown here but still exits 0 when every test passed.
      process.exitCode = 1;
      throw new Error(`The tests wrote into the checkout; they must write only to temporary folders: ${written.sort().join(', ')}`);
    }
  };
}
