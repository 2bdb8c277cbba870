import { displayPathOf, type KnowledgeTexts } from '../knowledge/knowledgeFiles.ts';
import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { parseKnowledge } from '../knowledge/parseKnowledge.ts';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { hashKnowledgeTexts } from './contentHash.ts';
import { fingerprintKnowledge, type KnowledgeFingerprints } from './diffKnowledge.ts';

/** The files as read, with their hash and total size; a null hash means they changed while being read. */
export type Loaded =
  | { readonly ok: true; readonly hash: string; readonly bytes: number; readonly knowledge: Knowledge; readonly fingerprints: KnowledgeFingerprints }
  | { readonly ok: false; readonly hash: string | null; readonly bytes: number; readonly problems: readonly KnowledgeProblem[] };

// A load whose files changed while they were read is retried, so no snapshot mixes two states.
export const maxLoadAttempts = 3;

/** Parses the files as read and hashes exactly those texts; reads them again to make sure no edit was half-way. */
export async function loadStable(dir: string, limits: ReadLimits, firstRead?: KnowledgeTexts): Promise<Loaded> {
  let texts = firstRead ?? (await readKnowledgeTexts(dir, limits));
  for (let attempt = 1; ; attempt++) {
    const hash = hashKnowledgeTexts(texts);
    const bytes = sizeOf(texts);
    const result = parseKnowledge(texts);
    const again = await readKnowledgeTexts(dir, limits);
    if (hashKnowledgeTexts(again) === hash) return result.ok ? { ...result, hash, bytes, fingerprints: fingerprintKnowledge(result.knowledge) } : { ...result, hash, bytes };
    if (attempt === maxLoadAttempts) {
      const problem = { file: displayPathOf(dir), line: null, where: '', message: 'the files kept changing while they were read; reload again once the edit is saved' };
      return { ok: false, hash: null, bytes, problems: [problem] };
    }
    texts = again;
  }
}

function sizeOf(texts: KnowledgeTexts): number {
  return Object.values(texts).reduce((sum, file) => sum + (file.text === null ? 0 : Buffer.byteLength(file.text)), 0);
}
