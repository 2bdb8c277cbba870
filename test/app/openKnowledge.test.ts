import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledge } from '../../src/app/openKnowledge.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

const silent = pino({ enabled: false });

describe('openKnowledge', () => {
  let knowledge: TempKnowledge;

  beforeEach(async () => {
    knowledge = await makeTempKnowledge();
  });

  afterEach(async () => {
    await knowledge.remove();
  });

  it('opens valid knowledge: the live store and the writer, with close()', async () => {
    const opened = await openKnowledge({ knowledgeDir: knowledge.dir, dataDir: path.join(knowledge.dir, '..', 'data'), maxKnowledgeFileBytes: 1024 * 1024 }, silent);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    try {
      expect(opened.knowledge.store.current().engine.knowledge.faq.length).toBeGreaterThan(0);
      expect(typeof opened.knowledge.writer).toBe('object');
    } finally {
      await opened.knowledge.close();
    }
  });

  it('returns the problems of invalid knowledge instead of ending the process', async () => {
    await knowledge.write('faq.yaml', 'faq:\n  - id: Not A Slug\n');
    const opened = await openKnowledge({ knowledgeDir: knowledge.dir, dataDir: knowledge.dir, maxKnowledgeFileBytes: 1024 * 1024 }, silent);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems.length).toBeGreaterThan(0);
    expect(opened.problems.some((problem) => problem.file.endsWith('faq.yaml'))).toBe(true);
  });

  it('refuses a knowledge file over the configured size (KNOWLEDGE_MAX_FILE_BYTES), naming the limit', async () => {
    const opened = await openKnowledge({ knowledgeDir: knowledge.dir, dataDir: knowledge.dir, maxKnowledgeFileBytes: 2048 }, silent);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problems.some((problem) => problem.file.endsWith('faq.yaml') && /2048 bytes/.test(problem.message))).toBe(true);
  });
});
