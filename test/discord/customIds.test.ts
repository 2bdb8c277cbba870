import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandOfCustomId, customIdMaxLength, defineCustomIds } from '../../src/discord/customIds.ts';
import { kbIds, type KbAction } from '../../src/discord/moderation/kbIds.ts';
import { answerIds, type AnswerButton } from '../../src/discord/render/answerIds.ts';
import { faqListIds, maxFaqPage } from '../../src/discord/render/faqListIds.ts';
import type { AnswerEngine } from '../../src/answer/answerEngine.ts';
import { loadBundledEngine } from './render/replyFixtures.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadBundledEngine();
});

const longestId = 'a'.repeat(64);
const version = '0123456789abcdef';

describe('one custom id scheme: <command>:<parts>', () => {
  it('uses the documented wire format, each id starting with the command that handles it', () => {
    expect(answerIds.encode({ action: 'show', kind: 'faq', id: 'any-cloud-provider' })).toBe('ask:show:faq:any-cloud-provider');
    expect(answerIds.encode({ action: 'table' })).toBe('ask:table');
    expect(answerIds.encode({ action: 'none' })).toBe('ask:none');
    expect(faqListIds.encode({ page: 2 })).toBe('faq:page:2');
    expect(kbIds.encode({ step: 'add', kind: 'term' })).toBe('kb:add:term');
    expect(kbIds.encode({ step: 'save', kind: 'faq', id: 'ip-license', version })).toBe(`kb:save:faq:ip-license:${version}`);
    expect(kbIds.encode({ step: 'remove', kind: 'term', id: 'azure', version })).toBe(`kb:remove:term:azure:${version}`);
    expect(kbIds.encode({ step: 'cancel' })).toBe('kb:cancel');
    expect(commandOfCustomId('kb:remove:term:azure')).toBe('kb');
    expect(commandOfCustomId('none')).toBe('none');
  });

  const answers: AnswerButton[] = [
    { action: 'show', kind: 'faq', id: 'any-cloud-provider' },
    { action: 'show', kind: 'term', id: longestId },
    { action: 'show', kind: 'table', id: 'partnership-terms' },
    { action: 'table' },
    { action: 'none' },
  ];
  const kb: KbAction[] = [
    { step: 'add', kind: 'faq' },
    { step: 'save', kind: 'term', id: longestId, version },
    { step: 'remove', kind: 'term', id: longestId, version },
    { step: 'cancel' },
  ];

  it.each(answers)('round-trips the answer button %j within 100 characters', (button) => {
    const customId = answerIds.encode(button);
    expect(customId.length).toBeLessThanOrEqual(customIdMaxLength);
    expect(answerIds.decode(customId)).toEqual(button);
  });

  it.each(kb)('round-trips the /kb action %j within 100 characters', (action) => {
    const customId = kbIds.encode(action);
    expect(customId.length).toBeLessThanOrEqual(customIdMaxLength);
    expect(kbIds.decode(customId)).toEqual(action);
  });

  it.each([0, 1, maxFaqPage])('round-trips FAQ page %i', (page) => {
    expect(faqListIds.decode(faqListIds.encode({ page }))).toEqual({ page });
  });

  it('gives every shipped record a show button id that decodes back to it', () => {
    const { faq, terms, table } = engine.knowledge;
    const buttons: AnswerButton[] = [
      ...faq.map((record) => ({ action: 'show' as const, kind: 'faq' as const, id: record.id })),
      ...terms.map((record) => ({ action: 'show' as const, kind: 'term' as const, id: record.id })),
      { action: 'show', kind: 'table', id: table.id },
    ];
    for (const button of buttons) expect(answerIds.decode(answerIds.encode(button))).toEqual(button);
  });

  it('reads no other command’s ids: each id comes back to one command only', () => {
    const all = [...answers.map((b) => answerIds.encode(b)), ...kb.map((a) => kbIds.encode(a)), faqListIds.encode({ page: 3 })];
    for (const customId of all) {
      const readers = [answerIds, faqListIds, kbIds].filter((codec) => codec.decode(customId) !== null).map((codec) => codec.command);
      expect(readers).toEqual([commandOfCustomId(customId)]);
    }
  });

  it.each<AnswerButton>([
    { action: 'vote', question: 'abcdef000001', helpful: true },
    { action: 'vote', question: 'A-b_c0123456', helpful: false },
    { action: 'none', question: 'abcdef000001' },
    { action: 'show', kind: 'term', id: longestId, question: 'abcdef000001' },
    { action: 'pick', message: '12345678901234567', kind: 'faq', id: 'ip-license-term' },
    { action: 'pick', message: '12345678901234567890', kind: 'term', id: longestId },
  ])('round-trips the answer button %j, naming its question or message', (button) => {
    expect(answerIds.decode(answerIds.encode(button))).toEqual(button);
  });

  it.each<KbAction>([
    { step: 'gap-alt', days: 1, gap: '0123456789ab' },
    { step: 'gap-new', days: 365, gap: 'ffffffffffff' },
    { step: 'gap-dismiss', days: 999, gap: '0123456789ab' },
    { step: 'gap-add', days: 7, gap: '0123456789ab', id: longestId },
  ])('round-trips the gap review action %j', (action) => {
    expect(kbIds.decode(kbIds.encode(action))).toEqual(action);
  });

  it.each([
    '',
    // Another command whose name only starts like one of these.
    'asks:table',
    'ask2:none',
    'kbx:cancel',
    'faqs:page:2',
    // A question id (12 characters of base64url) with one character too many or too few, or a foreign one.
    'ask:vote:abcdef0000012:up',
    'ask:vote:abcdef00001:up',
    'ask:vote:abcdef00000!:up',
    'ask:vote:abcdef000001:sideways',
    'ask:none:abcdef000001x',
    'ask:show:faq:ip-license-term:xabcdef000001',
    // A message id is 17–20 digits and nothing else.
    'ask:pick:x12345678901234567:faq:ip-license-term',
    'ask:pick:12345678901234567x:faq:ip-license-term',
    'ask:pick:1234567890123456:faq:ip-license-term',
    'ask:pick:123456789012345678901:faq:ip-license-term',
    // Gap review: 1 to 999 days, a 12-digit hex row id.
    'kb:gap-alt:0:0123456789ab',
    'kb:gap-alt:07:0123456789ab',
    'kb:gap-alt:1000:0123456789ab',
    'kb:gap-dismiss:7:0123456789abc',
    'kb:gap-dismiss:7:x0123456789ab',
    'kb:gap-new:7:0123456789AB',
    'kb:gap-add:7:0123456789ab:Not-A-Slug',
    // Record ids are slugs: lowercase words joined by single hyphens, nothing after them.
    `kb:remove:faq:azure-:${version}`,
    `kb:save:term:azure_x:${version}`,
    'kb:gap-add:7:0123456789ab:ip-license-',
    'ask:show:faq:ip-license--term',
    'show:faq:any-cloud-provider',
    'table:full',
    'none',
    'faqpage:2',
    'ask',
    'ask:',
    'ask:show:faq',
    'ask:show:user:any-cloud-provider',
    'ask:show:faq:Any-Cloud-Provider',
    'ask:show:faq:any cloud provider',
    'ask:show:faq:a:b',
    `ask:show:faq:${'a'.repeat(65)}`,
    'ask:table:full',
    'ask:none:x',
    'faq:page',
    'faq:page:-1',
    'faq:page:1.5',
    'faq:page:1e3',
    'faq:page:10000',
    'faq:page: 2',
    'faq:page:2:extra',
    'kb:reload',
    'kb:cancel:now',
    'kb:remove:faq:azure',
    `kb:remove:faq:azure:${version.toUpperCase()}`,
    `kb:save:faq:azure:${version}0`,
    'x'.repeat(101),
    `ask:none${' '.repeat(200)}`,
  ])('decodes the foreign, outdated or tampered id %j to null everywhere', (customId) => {
    expect(answerIds.decode(customId)).toBeNull();
    expect(faqListIds.decode(customId)).toBeNull();
    expect(kbIds.decode(customId)).toBeNull();
  });

  it('refuses to build an id that could never come back', () => {
    expect(() => answerIds.encode({ action: 'show', kind: 'faq', id: 'Not a slug' })).toThrow(RangeError);
    expect(() => faqListIds.encode({ page: -1 })).toThrow(RangeError);
    expect(() => kbIds.encode({ step: 'remove', kind: 'faq', id: 'a'.repeat(65), version })).toThrow(RangeError);
  });

  it('refuses to build an id over 100 characters even when it would parse', () => {
    const loose = defineCustomIds('loose', z.tuple([z.string()]).transform(([text]) => text), (text) => [text]);
    expect(loose.encode('a'.repeat(100 - 'loose:'.length))).toHaveLength(100);
    expect(() => loose.encode('a'.repeat(101 - 'loose:'.length))).toThrow(/over 100 characters/);
    expect(loose.decode(`loose:${'a'.repeat(95)}`)).toBeNull();
  });
});
