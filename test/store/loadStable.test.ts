import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import type { KnowledgeTexts } from '../../src/knowledge/knowledgeFiles.ts';
import { readKnowledgeTexts } from '../../src/knowledge/readKnowledgeTexts.ts';
import { hashKnowledgeTexts } from '../../src/store/contentHash.ts';
import { loadStable } from '../../src/store/loadStable.ts';

// Each read of the folder returns the next state queued here: an editor saving between two reads, without timing.
vi.mock('../../src/knowledge/readKnowledgeTexts.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/knowledge/readKnowledgeTexts.ts')>();
  return { ...actual, readKnowledgeTexts: vi.fn(actual.readKnowledgeTexts) };
});

const reads: KnowledgeTexts[] = [];
let before: KnowledgeTexts;
let rewritten: KnowledgeTexts;

beforeAll(async () => {
  before = await readKnowledgeTexts(bundledKnowledgeDir);
  const faq = before.faq.text!;
  // The same number of bytes, one letter of the first question changed: nothing but the content tells them apart.
  const at = faq.indexOf('question: ') + 'question: '.length;
  const letter = faq[at] === 'W' ? 'H' : 'W';
  rewritten = { ...before, faq: { displayPath: before.faq.displayPath, text: `${faq.slice(0, at)}${letter}${faq.slice(at + 1)}` } };
  expect(Buffer.byteLength(rewritten.faq.text!)).toBe(Buffer.byteLength(faq));
  vi.mocked(readKnowledgeTexts).mockImplementation(async () => {
    const next = reads.shift();
    if (!next) throw new Error('read more often than the test expected');
    return next;
  });
});

afterEach(() => {
  reads.length = 0;
});

const firstQuestion = (texts: KnowledgeTexts) => /question: (.*)/.exec(texts.faq.text!)![1];

describe('loadStable', () => {
  it('serves the files as they were after an edit saved between its two reads, not as first read', async () => {
    reads.push(before, rewritten, rewritten);
    const loaded = await loadStable(bundledKnowledgeDir, {});
    expect(loaded.ok).toBe(true);
    expect(loaded.hash).toBe(hashKnowledgeTexts(rewritten));
    if (loaded.ok) expect(loaded.knowledge.faq[0]?.question).toBe(firstQuestion(rewritten));
    expect(reads).toEqual([]);
  });

  it('checks a first read it is handed against a read of its own', async () => {
    reads.push(rewritten, rewritten);
    const loaded = await loadStable(bundledKnowledgeDir, {}, before);
    expect(loaded.hash).toBe(hashKnowledgeTexts(rewritten));
    if (loaded.ok) expect(loaded.knowledge.faq[0]?.question).toBe(firstQuestion(rewritten));
  });

  it('serves nothing while the files keep changing, and says to reload once the edit is saved', async () => {
    reads.push(before, rewritten, before, rewritten);
    const loaded = await loadStable(bundledKnowledgeDir, {});
    expect(loaded).toMatchObject({ ok: false, hash: null, problems: [{ message: expect.stringContaining('kept changing while they were read') }] });
    expect(reads).toEqual([]);
  });

  it('serves files that read the same twice', async () => {
    reads.push(before, before);
    const loaded = await loadStable(bundledKnowledgeDir, {});
    expect(loaded).toMatchObject({ ok: true, hash: hashKnowledgeTexts(before) });
  });
});
