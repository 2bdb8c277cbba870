import { devNull } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bot and the terminal tools are spawned from their compiled build (dist/), brought up to date first; the
    // run fails if a test wrote into the checkout; one PostgreSQL server serves the run (a database per test file).
    globalSetup: ['test/support/buildBeforeTests.ts', 'test/support/checkoutUntouched.ts', 'test/support/postgresServer.ts'],
    // End-to-end files each start their own emulator and bot process; two cores, so keep it modest.
    maxWorkers: 2,
    // The bot and the terminal tools read .env from the folder they start in (the checkout, for most tests), unless
    // DOTENV_CONFIG_PATH names another file: every process a test starts reads an empty one instead, never a
    // developer's own .env. A test about .env names its own file.
    env: { DOTENV_CONFIG_PATH: devNull },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
