import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths.ts';
import type { KnowledgeCache } from '../knowledge/knowledgeCache.ts';

/**
 * The terminal tools' knowledge cache: `node_modules/.cache/partnership-faq-bot/knowledge.json`,
 * where packages keep what can be thrown away (`npm ci` starts it afresh), keyed to the build —
 * `dist/.build-stamp`, written last by every `npm run build`, and `dist/.tsbuildinfo`, rewritten
 * by every compile — so a rebuilt validator never trusts knowledge an older one passed.
 * Null (no cache) when running from the sources (tsx, vitest: no build to key on), without a
 * build stamp, or without node_modules.
 */
export function knowledgeCacheOfBuild(): KnowledgeCache | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const nodeModules = path.join(projectRoot, 'node_modules');
  try {
    if (!statSync(nodeModules).isDirectory()) return null;
    const stamp = readFileSync(path.join(projectRoot, 'dist', '.build-stamp'), 'utf8').trim();
    const compiled = statSync(path.join(projectRoot, 'dist', '.tsbuildinfo'));
    return {
      file: path.join(nodeModules, '.cache', 'partnership-faq-bot', 'knowledge.json'),
      buildId: `${stamp} ${compiled.size} ${compiled.mtimeMs}`,
    };
  } catch {
    return null;
  }
}
