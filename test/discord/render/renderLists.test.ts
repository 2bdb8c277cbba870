import { beforeAll, describe, expect, it } from 'vitest';
import { faqListIds } from '../../../src/discord/render/faqListIds.ts';
import { faqPageCount, faqPageSize, pickFromFaqList, renderFaqList, renderHelp, renderSourcesList, type ListedQuestion } from '../../../src/discord/render/renderLists.ts';
import type { CommandSummary } from '../../../src/discord/commandModule.ts';
import { formatSourceCitation } from '../../../src/reply/formatSource.ts';
import type { AnswerEngine } from '../../../src/answer/answerEngine.ts';
import { expectWithinDiscordLimits, type PayloadJson } from './payloadLimits.ts';
import { loadBundledEngine, longText, makeSource } from './replyFixtures.ts';

let engine: AnswerEngine;
let shipped: ListedQuestion[];
beforeAll(async () => {
  engine = await loadBundledEngine();
  shipped = engine.knowledge.faq.map((record) => ({ id: record.id, title: record.question }));
});

const numbered = (count: number): ListedQuestion[] => Array.from({ length: count }, (_, i) => ({ id: `q-${i + 1}`, title: `Question ${i + 1}?` }));
const pager = (json: PayloadJson) => json.buttons.map((button) => ({ page: faqListIds.decode(button.custom_id)?.page, disabled: button.disabled ?? false }));

describe('the FAQ list', () => {
  it('numbers the first ten shipped questions on page 1, with Previous disabled', () => {
    expect(shipped.length).toBeGreaterThan(faqPageSize);
    const json = expectWithinDiscordLimits(renderFaqList(shipped, 1));
    const description = json.embeds[0]?.description ?? '';
    for (const [i, question] of shipped.slice(0, faqPageSize).entries()) expect(description).toContain(`${i + 1}. ${question.title}`);
    expect(description).not.toContain(`${faqPageSize + 1}. `);
    const pages = faqPageCount(shipped.length);
    expect(json.embeds[0]?.footer?.text).toBe(`Page 1 of ${pages} · ${shipped.length} questions`);
    expect(pager(json)).toEqual([
      { page: 0, disabled: true },
      { page: 2, disabled: false },
    ]);
  });

  it('continues the numbering on the last page, with Next disabled', () => {
    const pages = faqPageCount(shipped.length);
    const json = expectWithinDiscordLimits(renderFaqList(shipped, pages));
    const first = (pages - 1) * faqPageSize;
    expect(json.embeds[0]?.description).toContain(`${first + 1}. ${shipped[first]?.title ?? ''}`);
    expect(json.embeds[0]?.description).toContain(`${shipped.length}. ${shipped.at(-1)?.title ?? ''}`);
    expect(json.embeds[0]?.footer?.text).toBe(`Page ${pages} of ${pages} · ${shipped.length} questions`);
    expect(pager(json)).toEqual([
      { page: pages - 1, disabled: false },
      { page: pages + 1, disabled: true },
    ]);
  });

  it('pages forward by the page its Next button names', () => {
    const next = expectWithinDiscordLimits(renderFaqList(numbered(25), 1)).buttons[1];
    const action = faqListIds.decode(next?.custom_id ?? '');
    expect(action).toEqual({ page: 2 });
    const page = action?.page ?? 0;
    const json = expectWithinDiscordLimits(renderFaqList(numbered(25), page));
    expect(json.embeds[0]?.description).toContain('11. Question 11?');
    expect(json.embeds[0]?.description).toContain('20. Question 20?');
    expect(pager(json).map((button) => button.disabled)).toEqual([false, false]);
  });

  it.each([
    [0, 1],
    [-3, 1],
    [Number.NaN, 1],
    [99, 3],
  ])('shows page %s as page %s', (asked, shown) => {
    const json = expectWithinDiscordLimits(renderFaqList(numbered(25), asked));
    expect(json.embeds[0]?.footer?.text).toBe(`Page ${shown} of 3 · 25 questions`);
  });

  it('has no paging buttons when everything fits on one page', () => {
    const json = expectWithinDiscordLimits(renderFaqList(numbered(3), 1));
    expect(json.rows).toHaveLength(0);
    expect(json.embeds[0]?.footer?.text).toBe('Page 1 of 1 · 3 questions');
  });

  // A page count of floor(n / 10) + 1 would show an empty last page exactly at 10, 20, 30 questions.
  it.each([10, 20, 30])('has no empty last page with exactly %i questions', (count) => {
    const pages = count / faqPageSize;
    expect(faqPageCount(count)).toBe(pages);
    const last = expectWithinDiscordLimits(renderFaqList(numbered(count), pages));
    expect(last.embeds[0]?.description).toContain(`${count}. Question ${count}?`);
    expect(last.embeds[0]?.footer?.text).toBe(`Page ${pages} of ${pages} · ${count} questions`);
    if (pages === 1) expect(last.rows).toHaveLength(0);
    else expect(pager(last)).toEqual([{ page: pages - 1, disabled: false }, { page: pages + 1, disabled: true }]);
    // One past the end (a disabled button's page) shows the last full page, never an empty one.
    const past = expectWithinDiscordLimits(renderFaqList(numbered(count), pages + 1));
    expect(past.embeds[0]?.description).toContain(`${count}. Question ${count}?`);
  });

  it.each([
    [11, 2],
    [19, 2],
    [21, 3],
  ])('puts %i questions on %i pages', (count, pages) => {
    expect(faqPageCount(count)).toBe(pages);
    const last = expectWithinDiscordLimits(renderFaqList(numbered(count), pages));
    expect(last.embeds[0]?.description).toContain(`${count}. Question ${count}?`);
  });

  it('says so when there are no questions', () => {
    const json = expectWithinDiscordLimits(renderFaqList([], 1));
    expect(json.embeds[0]?.description).toBe('No questions yet.');
  });

  it('fits ten of the longest questions knowledge allows', () => {
    const longest = Array.from({ length: 30 }, (_, i) => ({ id: `q-${i}`, title: longText(100) }));
    expectWithinDiscordLimits(renderFaqList(longest, 2));
  });
});

describe('picking from the FAQ list by number', () => {
  it('picks the question the list shows under each number, on every page', () => {
    const questions = numbered(25);
    for (let page = 1; page <= faqPageCount(questions.length); page++) {
      const description = expectWithinDiscordLimits(renderFaqList(questions, page)).embeds[0]?.description ?? '';
      for (const [, number, title] of description.matchAll(/^(\d+)\. (.+)$/gm)) {
        expect(pickFromFaqList(questions, number!)).toEqual({ found: questions.find((question) => question.title === title) });
      }
    }
  });

  it.each(['3', ' 3 ', '#3', '3.', 'no. 3', 'No 3'])('reads %j as number 3', (typed) => {
    expect(pickFromFaqList(numbered(25), typed)).toEqual({ found: { id: 'q-3', title: 'Question 3?' } });
  });

  it('says how many there are for a number past the list', () => {
    expect(pickFromFaqList(numbered(25), '26')).toEqual({ outOfRange: 26, count: 25 });
    expect(pickFromFaqList(numbered(25), '0')).toEqual({ outOfRange: 0, count: 25 });
  });

  it('leaves text that is no number to the other ways of naming a question', () => {
    for (const typed of ['cloud', '3 clouds', 'openai 2032', '', '-3', '3.5']) expect(pickFromFaqList(numbered(25), typed)).toBeNull();
  });
});

describe('the sources list', () => {
  it('lists every shipped source with what it is', () => {
    const json = expectWithinDiscordLimits(renderSourcesList(engine.knowledge.sources));
    const description = json.embeds[0]?.description ?? '';
    for (const source of engine.knowledge.sources) {
      expect(description).toContain(formatSourceCitation(source));
      if (source.description) expect(description).toContain(source.description);
    }
  });

  it('links a source that has a url', () => {
    const json = expectWithinDiscordLimits(renderSourcesList([makeSource(1, { title: 'Article', url: 'https://example.com/article' })]));
    expect(json.embeds[0]?.description).toBe('**[Article](https://example.com/article)**');
  });

  it('stays within limits for many long sources, saying how many were left out', () => {
    const sources = Array.from({ length: 60 }, (_, i) =>
      makeSource(i, { title: longText(256), publisher: longText(100), date: '2025', url: `https://example.com/${'p'.repeat(480)}`, description: longText(500) }),
    );
    const json = expectWithinDiscordLimits(renderSourcesList(sources));
    expect(json.embeds[0]?.description).toMatch(/…and \d+ more$/);
  });
});

describe('help', () => {
  const command = (name: string, description: string, more: Partial<CommandSummary> = {}): CommandSummary => ({
    name,
    description,
    onMessage: false,
    moderatorOnly: false,
    hasPrivateOption: true,
    ...more,
  });
  const commands = [
    command('ask', 'Ask a question'),
    command('privacy', 'What the bot records', { hasPrivateOption: false }),
    command('Answer with FAQ', "Answer a member's question", { onMessage: true, hasPrivateOption: false }),
    command('kb', 'Manage the knowledge', { moderatorOnly: true, hasPrivateOption: false }),
  ];

  it('explains what the bot does and every way to ask it', () => {
    const json = expectWithinDiscordLimits(renderHelp({ topic: 'the Microsoft–OpenAI partnership amendment', example: 'can OpenAI use AWS?' }, commands, { answerChannelIds: [] }));
    const text = JSON.stringify(json.embeds);
    expect(text).toContain('I answer questions about the Microsoft–OpenAI partnership amendment');
    expect(text).toContain('@bot can OpenAI use AWS?');
    expect(text.toLowerCase()).toContain('mention me');
    expect(text.toLowerCase()).toContain('reply to one of my messages');
    expect(text.toLowerCase()).toContain('direct message');
    expect(text).toContain('`/ask` — Ask a question');
    expect(text).toContain('`/privacy` — What the bot records');
    expect(text).toContain("`Apps → Answer with FAQ` — Answer a member's question");
    expect(text).not.toContain('/Answer with FAQ');
    expect(text).toContain('`/kb` — Manage the knowledge');
    // Only the commands that have the option are offered as private.
    expect(text).toContain('Set `private: True` on `/ask` and only you');
  });

  it('names the answer channels, where it answers without a mention', () => {
    const text = JSON.stringify(expectWithinDiscordLimits(renderHelp({ topic: null, example: 'When do late fees end?' }, commands, { answerChannelIds: ['111', '222'] })).embeds);
    expect(text).toContain('In <#111>, <#222> I answer questions without a mention');
    const without = JSON.stringify(expectWithinDiscordLimits(renderHelp({ topic: null, example: 'When do late fees end?' }, commands, { answerChannelIds: [] })).embeds);
    expect(without).not.toContain('without a mention');
  });

  it('names no topic when the knowledge states none', () => {
    const text = JSON.stringify(expectWithinDiscordLimits(renderHelp({ topic: null, example: 'When do late fees end?' }, commands, { answerChannelIds: [] })).embeds);
    expect(text).toContain("this server's curated FAQ");
    expect(text).toContain('@bot When do late fees end?');
  });
});
