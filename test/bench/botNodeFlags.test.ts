import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { botNodeFlags } from '../../bench/reloadDelay.ts';

describe('the reload benchmark', () => {
  it('measures a bot process started with the flags npm start gives it', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['start']).toBe(`node ${botNodeFlags.join(' ')} dist/src/main.js`);
  });
});
