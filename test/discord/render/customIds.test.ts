import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, type ButtonAction } from '../../../src/discord/render/customIds.ts';
import type { AnswerEngine } from '../../../src/search/answerEngine.ts';
import { loadBundledEngine } from './replyFixtures.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadBundledEngine();
});

describe('button custom ids', () => {
  const actions: ButtonAction[] = [
    { action: 'show', kind: 'faq', id: 'any-cloud-provider' },
    { action: 'show', kind: 'term', id: 'vendor-lock-in' },
    { action: 'show', kind: 'table', id: 'partnership-terms' },
    { action: 'table' },
    { action: 'none' },
    { action: 'faqpage', page: 0 },
    { action: 'faqpage', page: 1 },
    { action: 'faqpage', page: 9999 },
  ];

  it.each(actions)('round-trips %j', (action) => {
    expect(decodeCustomId(encodeCustomId(action))).toEqual(action);
  });

  it('uses the documented wire format', () => {
    expect(encodeCustomId({ action: 'show', kind: 'faq', id: 'any-cloud-provider' })).toBe('show:faq:any-cloud-provider');
    expect(encodeCustomId({ action: 'table' })).toBe('table:full');
    expect(encodeCustomId({ action: 'none' })).toBe('none');
    expect(encodeCustomId({ action: 'faqpage', page: 2 })).toBe('faqpage:2');
  });

  it('gives every shipped record a custom id within 100 characters that decodes back to it', () => {
    const { faq, terms, table } = engine.knowledge;
    const records = [
      ...faq.map((record) => ({ action: 'show' as const, kind: 'faq' as const, id: record.id })),
      ...terms.map((record) => ({ action: 'show' as const, kind: 'term' as const, id: record.id })),
      { action: 'show' as const, kind: 'table' as const, id: table.id },
    ];
    for (const action of records) {
      const customId = encodeCustomId(action);
      expect(customId.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(customId)).toEqual(action);
    }
  });

  it('accepts the longest id knowledge allows', () => {
    const id = 'a'.repeat(64);
    expect(encodeCustomId({ action: 'show', kind: 'term', id }).length).toBeLessThanOrEqual(100);
  });

  it.each([
    '',
    'show',
    'show:faq',
    'show:faq:',
    'show:user:any-cloud-provider',
    'show:faq:Any-Cloud-Provider',
    'show:faq:any cloud provider',
    'show:faq:a:b',
    `show:faq:${'a'.repeat(65)}`,
    'table',
    'table:partial',
    'table:full:extra',
    'none:',
    'none:x',
    'faqpage',
    'faqpage:',
    'faqpage:-1',
    'faqpage:1.5',
    'faqpage:1e3',
    'faqpage:abc',
    'faqpage:10000',
    'faqpage: 2',
    'kb:reload',
    'x'.repeat(101),
    `none${' '.repeat(200)}`,
  ])('decodes the foreign or tampered id %j to null', (customId) => {
    expect(decodeCustomId(customId)).toBeNull();
  });

  it('refuses to build a button that could never be decoded', () => {
    expect(() => encodeCustomId({ action: 'show', kind: 'faq', id: 'Not a slug' })).toThrow(RangeError);
    expect(() => encodeCustomId({ action: 'faqpage', page: -1 })).toThrow(RangeError);
  });
});
