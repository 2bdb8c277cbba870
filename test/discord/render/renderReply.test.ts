import { beforeAll, describe, expect, it } from 'vitest';
import { answerIds } from '../../../src/discord/render/answerIds.ts';
import { codeBlockMaxWidth } from '../../../src/discord/render/tableParts.ts';
import { kindColours, renderReply } from '../../../src/discord/render/renderReply.ts';
import { formatSourceCitation } from '../../../src/reply/formatSource.ts';
import type { AnsweredReply, RecordRef, Reply, SuggestionsReply, TableView } from '../../../src/reply/replyModel.ts';
import { matchStrength } from '../../../src/reply/confidenceBands.ts';
import { replyMessages } from '../../../src/reply/replyMessages.ts';
import type { AnswerEngine } from '../../../src/answer/answerEngine.ts';
import { embedChars, expectWithinDiscordLimits } from './payloadLimits.ts';
import { loadBundledEngine, longText, makeReply, makeSource } from './replyFixtures.ts';
import { answered, suggested } from '../../support/replies.ts';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadBundledEngine();
});

function askAnswered(question: string): AnsweredReply {
  return answered(engine.ask(question));
}

function suggestionsReply(suggestions: readonly RecordRef[]): SuggestionsReply {
  return { status: 'suggestions', question: 'a question', suggestions, unstated: null, confidence: { scale: 'score', value: 0.4 } };
}

/** The lines of the description's code block, without the fences. */
function codeBlockLines(description: string | undefined): string[] {
  const match = /^```\n([\s\S]*)\n```$/.exec(description ?? '');
  expect(match, 'description should be a code block').not.toBeNull();
  return (match?.[1] ?? '').split('\n');
}

const width = (line: string) => [...line].length;
const narrowTable: TableView = {
  title: 'Narrow',
  columns: ['Feature', 'Before', 'After'],
  rows: [
    ['Cloud', 'Azure', 'Any'],
    ['IP', 'Exclusive', 'Non-exclusive'],
    ['Rev → share', 'Yes', 'Capped'],
  ],
  partial: false,
  totalRows: 3,
};

describe('an answered FAQ', () => {
  it('shows the question, the answer with its markdown, the quote and the sources', () => {
    const reply = askAnswered('can openai use aws');
    const { embeds, content } = expectWithinDiscordLimits(renderReply(reply, { showConfidence: true }));
    expect(content).toBeUndefined();
    expect(embeds).toHaveLength(1);
    const [embed] = embeds;
    expect(embed?.title).toBe('Can OpenAI now use AWS or Google Cloud?');
    expect(embed?.url).toBeUndefined();
    expect(embed?.description).toBe(reply.body);
    expect(embed?.description).toContain('**');
    const quote = embed?.fields?.find((field) => field.name === 'Quote');
    expect(quote?.value).toBe(`> ${reply.quote ?? ''}`);
    const sources = embed?.fields?.find((field) => field.name === replyMessages.sources);
    expect(sources?.value).toContain('Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation');
    expect(embed?.color).toBe(kindColours.faq);
    expect(embed?.footer?.text).toBe(`FAQ · match: ${matchStrength(reply.confidence)}`);
  });

  // "confidence 91%" read as a 91% chance of being right; the score is no probability.
  it.each([
    [0.91, 'match: strong'],
    [0.7, 'match: strong'],
    [0.62, 'match: good'],
    [0.5, 'match: good'],
    [0.435, 'match: weak'],
  ])('shows a score of %s as %j, never as a percentage', (value, label) => {
    const reply = { ...askAnswered('can openai use aws'), confidence: { scale: 'score' as const, value } };
    const footer = expectWithinDiscordLimits(renderReply(reply, { showConfidence: true })).embeds[0]?.footer?.text ?? '';
    expect(footer).toBe(`FAQ · ${label}`);
    expect(footer).not.toMatch(/%|confidence/);
  });

  // As the fused model's probability, the same number is less sure than as a score: its own bands.
  it.each([
    [0.95, 'match: strong'],
    [0.9, 'match: strong'],
    [0.8, 'match: good'],
    [0.7, 'match: good'],
    [0.65, 'match: weak'],
  ])('shows a probability of %s as %j', (value, label) => {
    const reply = { ...askAnswered('can openai use aws'), confidence: { scale: 'probability' as const, value } };
    expect(expectWithinDiscordLimits(renderReply(reply, { showConfidence: true })).embeds[0]?.footer?.text).toBe(`FAQ · ${label}`);
  });

  it('hides the confidence for direct lookups', () => {
    const reply = engine.replyFor('faq', 'any-cloud-provider');
    expect(reply).not.toBeNull();
    const { embeds } = expectWithinDiscordLimits(renderReply(reply as Reply));
    expect(embeds[0]?.footer?.text).toBe('FAQ');
  });

  it('offers the related questions as buttons, and the comparison table when it is related', () => {
    const reply = askAnswered('can openai use aws');
    const { buttons } = expectWithinDiscordLimits(renderReply(reply));
    const relatedFaq = reply.related.filter((ref) => ref.kind === 'faq');
    expect(relatedFaq.length).toBeGreaterThan(0);
    expect(buttons.map((button) => button.label)).toEqual([...relatedFaq.slice(0, 3).map((ref) => ref.title), 'Show comparison table']);
    expect(buttons.map((button) => answerIds.decode(button.custom_id))).toEqual([
      ...relatedFaq.slice(0, 3).map((ref) => ({ action: 'show', kind: 'faq', id: ref.id })),
      { action: 'table' },
    ]);
  });

  it('adds the table button when the caller says the record relates to the table, once', () => {
    const unrelated = renderReply(makeReply(), { tableRelated: false });
    expect(unrelated.components).toHaveLength(0);
    const related = expectWithinDiscordLimits(renderReply(makeReply(), { tableRelated: true }));
    expect(related.buttons.map((button) => button.custom_id)).toEqual(['ask:table']);
    const both = expectWithinDiscordLimits(
      renderReply(makeReply({ related: [{ kind: 'table', id: 'partnership-terms', title: 'Comparison' }] }), { tableRelated: true }),
    );
    expect(both.buttons.map((button) => button.custom_id)).toEqual(['ask:table']);
  });

  it('shows at most 3 related buttons and truncates long questions to 80 characters', () => {
    const related: RecordRef[] = Array.from({ length: 6 }, (_, i) => ({ kind: 'faq', id: `related-${i}`, title: `${i} ${longText(99)}` }));
    const { buttons } = expectWithinDiscordLimits(renderReply(makeReply({ related })));
    expect(buttons).toHaveLength(3);
    for (const button of buttons) {
      expect(button.label?.length).toBeLessThanOrEqual(80);
      expect(button.label?.endsWith('…')).toBe(true);
    }
  });

  it('quotes every line of a multi-line quote', () => {
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ quote: 'first line\nsecond line' })));
    expect(embeds[0]?.fields?.find((field) => field.name === 'Quote')?.value).toBe('> first line\n> second line');
  });

  it('links a source that has a url and cites one that has none', () => {
    const linked = makeSource(1, { title: 'Announcement [draft]', publisher: 'Microsoft', date: '2025-10-28', url: 'https://example.com/a_(b)' });
    const plain = makeSource(2, { title: 'Article' });
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ sources: [linked, plain] })));
    expect(embeds[0]?.fields?.find((field) => field.name === 'Sources')?.value).toBe(
      '- [Announcement \\[draft\\] — Microsoft, 2025-10-28](https://example.com/a_%28b%29)\n- Article',
    );
  });

  it('says what the terminal says: every citation and related question appears', () => {
    for (const record of engine.knowledge.faq) {
      const reply = engine.replyFor('faq', record.id);
      if (!reply) throw new Error(`no reply for ${record.id}`);
      const { embeds, buttons } = expectWithinDiscordLimits(renderReply(reply, { showConfidence: true }));
      const text = JSON.stringify(embeds);
      for (const source of reply.sources) expect(text).toContain(JSON.stringify(formatSourceCitation(source)).slice(1, -1));
      const labels = buttons.map((button) => button.label ?? '');
      const expected = [
        ...reply.related.filter((ref) => ref.kind !== 'table').slice(0, 3).map((ref) => ref.title),
        ...(reply.related.some((ref) => ref.kind === 'table') ? ['Show comparison table'] : []),
      ];
      expect(labels).toHaveLength(expected.length);
      labels.forEach((label, i) => expect(label === expected[i] || (label.endsWith('…') && expected[i]?.startsWith(label.slice(0, -1)))).toBe(true));
    }
  });
});

describe('an answered glossary term', () => {
  it('shows the term, its definition and sources, and the editors\' note apart after them, without buttons', () => {
    const reply = askAnswered('what is vendor lock-in');
    const { embeds, buttons } = expectWithinDiscordLimits(renderReply(reply));
    expect(embeds[0]).toMatchObject({ title: 'Vendor lock-in', description: reply.body, color: kindColours.term, footer: { text: 'Glossary term' } });
    // The definition is the quote itself, so it is not quoted again.
    expect(embeds[0]?.fields).toEqual([
      { name: 'Sources', value: '- Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation' },
      { name: "Editors' note (not from the sources)", value: 'Depending on one supplier so heavily that switching away is hard or costly.' },
    ]);
    expect(embeds[0]?.description).not.toContain('switching away');
    expect(buttons).toHaveLength(0);
  });

  it('quotes the source of a definition told in other words', () => {
    const reply = askAnswered('what is azure');
    const { embeds } = expectWithinDiscordLimits(renderReply(reply));
    expect(embeds[0]?.fields?.map((field) => field.name)).toEqual(['Quote', 'Sources', "Editors' note (not from the sources)"]);
    expect(embeds[0]?.fields?.[0]?.value).toMatch(/^> Under the new terms, OpenAI products will still ship first on Azure\./);
  });

  it('fits for every shipped term', () => {
    for (const term of engine.knowledge.terms) {
      const reply = engine.replyFor('term', term.id);
      if (!reply) throw new Error(`no reply for ${term.id}`);
      expectWithinDiscordLimits(renderReply(reply, { showConfidence: true }));
    }
  });
});

describe('an answered comparison table', () => {
  it('shows each row of the too-wide shipped table as its own field, labelled with the column headers', () => {
    const reply = askAnswered('old terms vs new terms');
    const { embeds, buttons } = expectWithinDiscordLimits(renderReply(reply));
    const [embed] = embeds;
    expect(embed?.title).toBe('Comparison of Partnership Terms');
    expect(embed?.color).toBe(kindColours.table);
    expect(embed?.footer?.text).toBe('Comparison table');
    expect(embed?.fields?.map((field) => field.name)).toEqual([...engine.knowledge.table.rows.map((row) => row.feature), 'Sources']);
    expect(embed?.fields?.[0]?.value).toBe('Previous Framework: Primarily Azure\nAmended Agreement: Any cloud provider');
    expect(buttons).toHaveLength(0);
  });

  it('says how much of the table a partial answer shows and offers the whole table', () => {
    const reply = askAnswered('compare ip license');
    expect(reply.table?.partial).toBe(true);
    const total = engine.knowledge.table.rows.length;
    const { embeds, buttons } = expectWithinDiscordLimits(renderReply(reply, { tableRowCount: total }));
    expect(embeds[0]?.footer?.text).toBe(`Comparison table · 1 of ${total} rows`);
    expect(embeds[0]?.fields?.[0]).toEqual({ name: 'IP License', value: 'Previous Framework: Exclusive focus\nAmended Agreement: Non-exclusive through 2032' });
    expect(buttons.map((button) => [button.label, button.custom_id])).toEqual([['Show comparison table', 'ask:table']]);
    expect(renderReply(reply).embeds[0]?.toJSON().footer?.text).toBe('Comparison table · 1 row shown');
  });

  it('puts a narrow table in a code block whose lines all have the same width and aligned columns', () => {
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ kind: 'table', title: 'Narrow', body: '', table: narrowTable })));
    const lines = codeBlockLines(embeds[0]?.description);
    expect(lines).toHaveLength(2 + narrowTable.rows.length);
    const widths = new Set(lines.map(width));
    expect(widths.size).toBe(1);
    expect([...widths][0]).toBeLessThanOrEqual(codeBlockMaxWidth);
    const separators = (line: string) => [...line].flatMap((char, i) => (char === '|' || char === '+' ? [i] : []));
    for (const line of lines) expect(separators(line)).toEqual(separators(lines[0] ?? ''));
    expect(lines[0]?.startsWith('Feature')).toBe(true);
    expect(lines.some((line) => line.includes('Rev → share'))).toBe(true);
    expect(embeds[0]?.fields?.map((field) => field.name)).toEqual(['Sources']);
  });

  it('falls back to fields once a line would be wider than a phone shows', () => {
    const justFits: TableView = { ...narrowTable, rows: [['x'.repeat(codeBlockMaxWidth - ' | Before | After'.length), 'Before', 'After']] };
    const fitting = renderReply(makeReply({ kind: 'table', body: '', table: justFits })).embeds[0]?.toJSON();
    expect(Math.max(...codeBlockLines(fitting?.description).map(width))).toBe(codeBlockMaxWidth);
    const tooWide: TableView = { ...narrowTable, rows: [['x'.repeat(codeBlockMaxWidth - ' | Before | After'.length + 1), 'Before', 'After']] };
    const wide = expectWithinDiscordLimits(renderReply(makeReply({ kind: 'table', body: '', table: tooWide }))).embeds[0];
    expect(wide?.description).toBeUndefined();
    expect(wide?.fields?.[0]?.value).toBe('Before: Before\nAfter: After');
  });

  it('does not put a cell with backticks in a code block', () => {
    const table: TableView = { ...narrowTable, rows: [['Code', '```', 'x']] };
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ kind: 'table', body: '', table })));
    expect(embeds[0]?.fields?.[0]).toEqual({ name: 'Code', value: 'Before: ```\nAfter: x' });
  });

  it('shows at most 24 short rows as fields, leaving room for the sources', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`Feature ${i}`, 'x'.repeat(40), 'y'.repeat(40)]);
    const table: TableView = { ...narrowTable, rows };
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ kind: 'table', body: '', table })));
    expect(embeds[0]?.fields).toHaveLength(25);
    expect(embeds[0]?.description).toBe('Showing 24 of 30 rows.');
    expect(embeds[0]?.fields?.at(-1)?.name).toBe('Sources');
  });

  it('keeps a table too long for one embed within limits and still cites its sources', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`Feature ${i} ${longText(90)}`, longText(200), longText(200)]);
    const table: TableView = { title: longText(256), columns: ['Feature', longText(100), longText(100)], rows, partial: false, totalRows: rows.length };
    const { embeds } = expectWithinDiscordLimits(renderReply(makeReply({ kind: 'table', body: '', table })));
    const rowFields = (embeds[0]?.fields ?? []).slice(0, -1);
    expect(rowFields.length).toBeGreaterThan(0);
    expect(embeds[0]?.description).toBe(`Showing ${rowFields.length} of 40 rows.`);
    expect(embeds[0]?.fields?.at(-1)).toEqual({ name: 'Sources', value: '- Source 1' });
    for (const field of rowFields) expect(field.value.endsWith('…')).toBe(false);
  });

  it('fits for every row the /compare command can show', () => {
    for (const row of engine.knowledge.table.rows) {
      expectWithinDiscordLimits(renderReply(engine.compare(row.feature), { tableRowCount: engine.knowledge.table.rows.length }));
    }
    expectWithinDiscordLimits(renderReply(engine.compare()));
  });
});

describe('suggestions', () => {
  it('asks which one was meant, with a button per suggestion and "None of these"', () => {
    // A one-word question is ambiguous.
    const reply = suggested(engine.ask('microsoft'));
    const { content, embeds, buttons } = expectWithinDiscordLimits(renderReply(reply));
    expect(content).toBe(replyMessages.suggestionsIntro);
    expect(embeds).toHaveLength(0);
    expect(buttons.map((button) => button.label)).toEqual([...reply.suggestions.map((ref) => ref.title), 'None of these']);
    expect(buttons.map((button) => answerIds.decode(button.custom_id))).toEqual([
      ...reply.suggestions.map(({ kind, id }) => ({ action: 'show', kind, id })),
      { action: 'none' },
    ]);
  });

  it('says first what the sources do not state, when that is why the closest record is no answer', () => {
    const reply = engine.ask('is azure cheaper than aws?');
    expect(reply).toMatchObject({ status: 'suggestions', unstated: { kind: 'judgment', words: ['cheaper'] } });
    const { content, buttons } = expectWithinDiscordLimits(renderReply(reply));
    expect(content).toBe("The sources don't say which is cheaper. The closest questions I can answer:");
    expect(buttons.at(-1)?.label).toBe('None of these');
  });

  it('lays 30 suggestions out in at most 5 rows of 5, keeping "None of these" last', () => {
    const suggestions: RecordRef[] = Array.from({ length: 30 }, (_, i) => ({ kind: i % 2 ? 'faq' : 'term', id: `record-${i}`, title: `${i} ${longText(99)}` }));
    const { rows, buttons } = expectWithinDiscordLimits(renderReply(suggestionsReply(suggestions)));
    expect(rows).toHaveLength(5);
    expect(buttons).toHaveLength(25);
    expect(buttons.at(-1)?.custom_id).toBe('ask:none');
    expect(buttons[0]?.label?.endsWith('…')).toBe(true);
  });

  it('shows a record suggested twice only once', () => {
    const ref: RecordRef = { kind: 'faq', id: 'same', title: 'Same?' };
    const { buttons } = expectWithinDiscordLimits(renderReply(suggestionsReply([ref, ref])));
    expect(buttons.map((button) => button.custom_id)).toEqual(['ask:show:faq:same', 'ask:none']);
  });
});

describe('no match', () => {
  it('says it has no answer and how to ask, without embed or buttons', () => {
    const reply = engine.ask('how do i bake bread at home?');
    expect(reply.status).toBe('no_match');
    const json = expectWithinDiscordLimits(renderReply(reply));
    expect(json.content).toBe('Sorry, I don\'t have an answer for that. I only know about the Microsoft–OpenAI partnership amendment.\nTry asking "Can OpenAI use AWS?" or browse the questions I know with /faq.');
    expect(json.embeds).toHaveLength(0);
    expect(json.rows).toHaveLength(0);
  });

  it('names what the question asks about that the sources never mention, as the member wrote it', () => {
    const reply = engine.ask('Does Anthropic run Claude on Google Cloud?');
    expect(reply).toMatchObject({ status: 'no_match', unstated: { kind: 'names', words: ['Anthropic', 'Claude'] } });
    expect(expectWithinDiscordLimits(renderReply(reply)).content).toMatch(/^The sources don't mention Anthropic or Claude\. I only know about the Microsoft–OpenAI partnership amendment\./);
  });

  it('answers chat such as "lol" or "thanks" with a short line of its own, not a record', () => {
    const laughter = expectWithinDiscordLimits(renderReply(engine.ask('lol')));
    expect(laughter.content).toBe(replyMessages.dialogue.laughter);
    const thanks = expectWithinDiscordLimits(renderReply(engine.ask('thanks so much bot!')));
    expect(thanks.content).toBe(replyMessages.dialogue.thanks);
    expect(thanks.embeds).toHaveLength(0);
  });
});

describe('two questions in one message', () => {
  it('gives one embed per answer', () => {
    const json = expectWithinDiscordLimits(renderReply(engine.ask('when does the license to openai ip end and can openai use aws now?')));
    expect(json.embeds).toHaveLength(2);
    expect(json.embeds[0]?.description).toContain('2032');
    expect(json.embeds[1]?.description).toContain('any cloud provider');
  });
});

describe('safety', () => {
  it('shows mentions in an answer as written but never lets them ping', () => {
    const body = 'Hey @everyone and @here, ask <@123> or <@&456>.';
    const payload = renderReply(makeReply({ body, title: '@everyone <@123>' }));
    const { embeds } = expectWithinDiscordLimits(payload);
    expect(embeds[0]?.description).toBe(body);
    expect(embeds[0]?.title).toBe('@everyone <@123>');
    expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('blocks pings on every kind of reply', () => {
    for (const question of ['can openai use aws', 'compare ip license', 'old terms vs new terms', 'what is vendor lock-in', 'lol', 'microsoft']) {
      expect(renderReply(engine.ask(question)).allowedMentions).toEqual({ parse: [], repliedUser: false });
    }
  });

  it('keeps a maximal answer within every limit, giving up part of the quote rather than the answer', () => {
    const sources = Array.from({ length: 30 }, (_, i) =>
      makeSource(i, { title: `${i} ${longText(250)}`, publisher: longText(100), date: '2025-10-28', url: `https://example.com/${'p'.repeat(480)}/${i}` }),
    );
    const related: RecordRef[] = Array.from({ length: 10 }, (_, i) => ({ kind: 'faq', id: `related-${i}`, title: longText(100) }));
    const reply = makeReply({ title: longText(100), body: longText(4096), quote: longText(1000), sources, related, confidence: { scale: 'score', value: 1 } });
    const { embeds, buttons } = expectWithinDiscordLimits(renderReply(reply, { showConfidence: true, tableRelated: true }));
    const [embed] = embeds;
    expect(embed?.description).toBe(reply.body);
    expect(embed?.title).toBe(reply.title);
    expect(embed?.fields?.find((field) => field.name === 'Quote')?.value.endsWith('…')).toBe(true);
    expect(embed?.fields?.find((field) => field.name === 'Sources')?.value).toMatch(/…and \d+ more \(see \/sources\)$/);
    expect(embedChars(embeds).codePoints).toBeLessThanOrEqual(6000);
    expect(buttons).toHaveLength(4);
  });

  it('keeps a reply beyond what validation allows within limits too', () => {
    const reply = makeReply({ title: longText(400), body: longText(6000), quote: longText(3000), sources: [makeSource(1, { title: longText(2000) })] });
    expectWithinDiscordLimits(renderReply(reply, { showConfidence: true }));
  });
});
