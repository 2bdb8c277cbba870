import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { databaseFileName } from '../../src/questionLog/questionLog.ts';
import { secretFileName, userHasher } from '../../src/questionLog/userHash.ts';
import { refusals } from '../../src/discord/preconditions.ts';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { compiledScript } from '../support/compiled.ts';
import { DiscordEmulator, type EmulatorMessage } from '../support/emulator/index.ts';
import { makeTempKnowledge, type TempKnowledge } from '../support/tempKnowledge.ts';

let emu: DiscordEmulator;
let bot: BotProcess;
let kb: TempKnowledge;
let dataDir: string;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  kb = await makeTempKnowledge();
  dataDir = await mkdtemp(path.join(tmpdir(), 'faq-learning-data-'));
  bot = await startBotProcess(botEnv(emu, { KNOWLEDGE_DIR: kb.dir, DATA_DIR: dataDir, MOD_LOG_CHANNEL_ID: emu.channels.modLog.id }));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
  await kb.remove();
  await rm(dataDir, { recursive: true, force: true });
});

/** Reads the bot's question log as a moderator with disk access would; the bot writes within about 100 ms. */
async function logRows(sql: string, ...params: unknown[]): Promise<unknown[]> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const db = new BetterSqlite3(path.join(dataDir, databaseFileName), { readonly: true });
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

const hashOf = (userId: string) => userHasher(Buffer.from(readFileSync(path.join(dataDir, secretFileName), 'utf8').trim(), 'hex'))(userId);

function buttons(message: EmulatorMessage): { customId: string; label: string }[] {
  const found: { customId: string; label: string }[] = [];
  for (const row of message.components ?? []) {
    for (const component of (row as { components?: { custom_id?: string; label?: string }[] }).components ?? []) {
      if (component.custom_id) found.push({ customId: component.custom_id, label: component.label ?? '' });
    }
  }
  return found;
}

const ask = async (question: string, userId = emu.users.member.id) => {
  const result = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: question }], userId });
  return result.message();
};

const gapQuestion = 'Does the deal cover quantum computing?';

describe('gap review: from unanswered questions to an answer', () => {
  const stranger = '444444444444444444';

  it('groups three members asking one unanswerable question three ways into one /kb gaps row with count 3', async () => {
    expect((await ask(gapQuestion, emu.users.member.id)).embeds[0]?.title ?? '').not.toMatch(/quantum/i);
    await ask('is quantum computing covered by the deal', emu.users.owner.id);
    const mention = emu.sendMessage({ channelId: emu.channels.general.id, authorId: stranger, content: 'quantum computing — covered under the deal?', mentionsBot: true });
    await emu.waitForBotMessage({ channelId: emu.channels.general.id, after: mention.id });

    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    expect(gaps.flags! & 64).toBe(64);
    const quantumLines = gaps.content.split('\n').filter((line) => /quantum/i.test(line));
    expect(quantumLines).toHaveLength(1);
    expect(quantumLines[0]).toContain('asked **3×**');
    expect(quantumLines[0]).toContain('no answer');
  });

  it('does not show the gaps, nor act on them, for a member who is not a moderator', async () => {
    const refused = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.member.id })).message();
    expect(refused.content).toBe(refusals.notModerator);
    expect(refused.content).not.toMatch(/quantum/i);

    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    const dismiss = buttons(gaps).find((button) => button.customId.startsWith('kb:gap-dismiss:'))!;
    const pressed = await (await emu.clickButton({ messageId: gaps.id, customId: dismiss.customId, userId: emu.users.member.id })).message();
    expect(pressed.content).toBe(refusals.notModerator);
    // Still listed: nothing was dismissed.
    const again = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    expect(again.content).toMatch(/quantum/i);
  });

  it('opens the new-FAQ form with the question filled in from a gap row', async () => {
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    const row = gaps.content.split('\n').findIndex((line) => /quantum/i.test(line)) - 1;
    const newFaq = buttons(gaps).find((button) => button.label === `#${row + 1}: new FAQ`)!;
    const opened = await emu.clickButton({ messageId: gaps.id, customId: newFaq.customId, userId: emu.users.moderator.id });
    expect(opened.callbackType).toBe(9);
    expect(opened.modal?.['custom_id']).toBe('kb:add:faq');
    expect(JSON.stringify(opened.modal)).toContain(JSON.stringify(gapQuestion));
  });

  it('adds the question as an alternate from the gap row: the file keeps its comments, a regression is added, and the question is answered', async () => {
    const faqBefore = await kb.read('faq.yaml');
    const regressionsBefore = await kb.read('regressions.yaml');
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    const row = gaps.content.split('\n').findIndex((line) => /quantum/i.test(line)) - 1;
    const addAlternate = buttons(gaps).find((button) => button.label === `#${row + 1}: add as alternate`)!;
    const picker = await (await emu.clickButton({ messageId: gaps.id, customId: addAlternate.customId, userId: emu.users.moderator.id })).message();
    const choice = buttons(picker).find((button) => button.customId.startsWith('kb:gap-add:'));
    expect(choice, picker.content).toBeDefined();
    const recordId = choice!.customId.split(':').at(-1)!;

    const added = await (await emu.clickButton({ messageId: picker.id, customId: choice!.customId, userId: emu.users.moderator.id })).message();
    expect(added.content).toContain(`as a phrasing of **faq:${recordId}**`);
    expect(added.content).toContain('Added to regressions.yaml');

    const faqAfter = await kb.read('faq.yaml');
    const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(comments(faqAfter)).toEqual(comments(faqBefore));
    expect(faqAfter).toContain(gapQuestion);
    const regressionsAfter = await kb.read('regressions.yaml');
    expect(comments(regressionsAfter)).toEqual(comments(regressionsBefore));
    expect(regressionsAfter.slice(regressionsBefore.trimEnd().length)).toMatch(new RegExp(`- q: "?${gapQuestion.replace('?', '\\?')}"?\\n\\s+expect: faq:${recordId}`));

    const answer = await ask(gapQuestion, emu.users.member.id);
    const records = (parse(faqAfter) as { faq: { id: string; question: string }[] }).faq;
    expect(answer.embeds[0]?.title).toBe(records.find((record) => record.id === recordId)?.question);

    const after = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    expect(after.content).not.toMatch(/quantum/i);
    const notice = await emu.waitForMessage((m) => m.channel_id === emu.channels.modLog.id && m.content.includes('from the gap review'));
    expect(notice.content).toContain(`faq:${recordId}`);
  });
});

describe('/kb alternate', () => {
  const alternate = async (record: string, question: string) =>
    (
      await emu.runSlashCommand({
        name: 'kb',
        subcommand: 'alternate',
        options: [
          { name: 'record', value: record },
          { name: 'question', value: question },
        ],
        userId: emu.users.moderator.id,
      })
    ).message();

  it('refuses control and text-direction characters, lists only a question that reaches the record, says so in the mod-log, and npm run validate still passes', async () => {
    const files = async () => [await kb.read('faq.yaml'), await kb.read('regressions.yaml')];
    const before = await files();
    const reversed = await alternate('any-cloud-provider', 'can openai use \u202Eswa');
    expect(reversed.content).toContain('❌ Not added: The question contains a right-to-left override character (U+202E)');
    const nul = await alternate('any-cloud-provider', 'what about \u0000nul');
    expect(nul.content).toContain('a NUL character (U+0000)');
    expect(await files()).toEqual(before);

    const unreached = await alternate('any-cloud-provider', '*alias');
    expect(unreached.content).toContain('Not added to regressions.yaml: the question does not reach faq:any-cloud-provider yet');
    expect(await kb.read('regressions.yaml')).toBe(before[1]);

    const { question } = (parse(await kb.read('faq.yaml')) as { faq: { id: string; question: string }[] }).faq.find((record) => record.id === 'any-cloud-provider')!;
    const asked = `so, ${question.replace(/\?$/, '')}, please?`;
    const added = await alternate('any-cloud-provider', asked);
    expect(added.content).toContain('Added to regressions.yaml');
    const notice = await emu.waitForMessage((m) => m.channel_id === emu.channels.modLog.id && m.content.includes(asked));
    expect(notice.content).toContain('(with /kb alternate)');
    expect(notice.content).not.toContain('gap review');

    const validate = spawnSync(process.execPath, [compiledScript('src/cli/validate.ts'), kb.dir], { encoding: 'utf8', timeout: 60_000 });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
  });
});

describe('feedback and privacy', () => {
  it('keeps one vote per member per answer: a second press changes it, and the presser is thanked privately', async () => {
    const answer = await ask('can openai use aws?', emu.users.member.id);
    const helpful = buttons(answer).find((button) => button.label === 'Helpful')!;
    const notHelpful = buttons(answer).find((button) => button.label === 'Not helpful')!;
    expect(helpful.customId).toMatch(/^ask:vote:[\w-]{12}:up$/);

    const thanks = await (await emu.clickButton({ messageId: answer.id, customId: helpful.customId, userId: emu.users.member.id })).message();
    expect(thanks.flags! & 64).toBe(64);
    expect(thanks.content).toContain('Thanks');
    const changed = await (await emu.clickButton({ messageId: answer.id, customId: notHelpful.customId, userId: emu.users.member.id })).message();
    expect(changed.content).toContain('did not help');
    // The other records the engine weighed, privately, none of them the answer already given.
    const others = buttons(changed);
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other.customId).toMatch(/^ask:show:(faq|term|table):[a-z0-9-]+:[\w-]{12}$/);
    expect(others.map((other) => other.label)).not.toContain(answer.embeds[0]?.title);
    await emu.clickButton({ messageId: answer.id, customId: helpful.customId, userId: emu.users.owner.id });

    const questionId = helpful.customId.split(':')[2];
    const votes = await logRows('SELECT user_hash, helpful FROM votes WHERE question_id = ? ORDER BY helpful', questionId);
    expect(votes).toEqual([
      { user_hash: hashOf(emu.users.member.id), helpful: 0 },
      { user_hash: hashOf(emu.users.owner.id), helpful: 1 },
    ]);
  });

  it("refuses a vote pressed on another answer's message, and records nothing for it", async () => {
    const first = await ask('can openai use aws?', emu.users.member.id);
    const second = await ask('when does the microsoft ip license end?', emu.users.member.id);
    const forged = buttons(second).find((button) => button.label === 'Not helpful')!;
    expect(buttons(first).map((button) => button.customId)).not.toContain(forged.customId);
    const refused = await (await emu.clickButton({ messageId: first.id, customId: forged.customId, userId: emu.users.owner.id, forged: true })).message();
    expect(refused.flags! & 64).toBe(64);
    expect(refused.content).toBe(refusals.notOnMessage);
    expect(await logRows('SELECT * FROM votes WHERE question_id = ?', forged.customId.split(':')[2])).toEqual([]);
  });

  it('/forget-me deletes every row of the member who runs it, and only theirs', async () => {
    const member = hashOf(emu.users.member.id);
    const owner = hashOf(emu.users.owner.id);
    // Rows of `hash`, leaving out its votes on `except`'s questions: another member's vote on the member's answer
    // goes with the answer (nothing is left for it to be about).
    const count = async (hash: string, except = '') =>
      (await logRows('SELECT (SELECT COUNT(*) FROM questions WHERE user_hash = ?) + (SELECT COUNT(*) FROM votes WHERE user_hash = ? AND question_id NOT IN (SELECT id FROM questions WHERE user_hash = ?)) AS n', hash, hash, except))[0] as { n: number };
    const before = await count(member);
    expect(before.n).toBeGreaterThan(0);
    const ownerBefore = await count(owner, member);

    const reply = await (await emu.runSlashCommand({ name: 'forget-me', userId: emu.users.member.id })).message();
    expect(reply.flags! & 64).toBe(64);
    expect(reply.content).toContain(`deleted ${before.n} recorded item`);
    expect(await count(member)).toEqual({ n: 0 });
    expect(await count(owner, member)).toEqual(ownerBefore);
  });

  it('/privacy says what is stored and for how long', async () => {
    const reply = await (await emu.runSlashCommand({ name: 'privacy', userId: emu.users.member.id })).message();
    expect(reply.flags! & 64).toBe(64);
    expect(reply.content).toContain('30 days');
    expect(reply.content).toContain('/forget-me');
  });
});

describe('labels and stats', () => {
  it('records the suggestion a member picks under "did you mean…", and "None of these", with the question; /kb gaps shows what members chose', async () => {
    const first = await ask('what about the money', emu.users.owner.id);
    const suggestion = buttons(first).find((button) => button.customId.startsWith('ask:show:'))!;
    expect(suggestion.customId).toMatch(/^ask:show:faq:[a-z0-9-]+:[\w-]{12}$/);
    const shown = await (await emu.clickButton({ messageId: first.id, customId: suggestion.customId, userId: emu.users.owner.id })).message();
    expect(shown.flags! & 64).toBe(64);
    const second = await ask('what about the money?', emu.users.moderator.id);
    const none = buttons(second).find((button) => button.customId.startsWith('ask:none:'))!;
    await emu.clickButton({ messageId: second.id, customId: none.customId, userId: emu.users.moderator.id });
    const third = await ask('and what about the money', emu.users.member.id);
    const recordId = suggestion.customId.split(':')[3];
    const same = buttons(third).find((button) => button.customId.startsWith(`ask:show:faq:${recordId}:`))!;
    await emu.clickButton({ messageId: third.id, customId: same.customId, userId: emu.users.member.id });

    expect(await logRows("SELECT source, record_id FROM labels WHERE source IN ('suggestion', 'none') ORDER BY id")).toEqual([
      { source: 'suggestion', record_id: recordId },
      { source: 'none', record_id: null },
      { source: 'suggestion', record_id: recordId },
    ]);
    const gaps = await (await emu.runSlashCommand({ name: 'kb', subcommand: 'gaps', userId: emu.users.moderator.id })).message();
    const money = gaps.content.split('\n').findIndex((line) => line.includes('what about the money'));
    expect(gaps.content.split('\n')[money + 1]).toContain(`members chose **faq:${recordId}** for this (2×)`);
  });

  it('/kb stats attaches a chart PNG and gives the figures in text', async () => {
    const result = await emu.runSlashCommand({ name: 'kb', subcommand: 'stats', options: [{ name: 'days', value: 3 }], userId: emu.users.moderator.id });
    const reply = await result.message();
    expect(reply.content).toMatch(/Last 3 days: \d+ questions, \d+ answered \(answer rate \d+%\)/);
    expect(reply.content).toMatch(/Feedback: \d+ helpful, \d+ not helpful/);
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ filename: 'questions-per-day.png' });
    const png = Buffer.from(await (await fetch(reply.attachments[0]!.url)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('Apps → Answer with FAQ', () => {
  it("posts the helper's pick as a reply to the member's message, without pings, with the helper in the footer, and records the pick", async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, authorId: emu.users.member.id, content: 'hey when does the microsoft ip license run out' });
    const offered = await (await emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: question.id, userId: emu.users.moderator.id })).message();
    expect(offered.flags! & 64).toBe(64);
    const pick = buttons(offered)[0]!;
    expect(pick.customId).toMatch(new RegExp(`^ask:pick:${question.id}:faq:`));

    const writesBefore = emu.messageWrites.length;
    const done = await (await emu.clickButton({ messageId: offered.id, customId: pick.customId, userId: emu.users.moderator.id })).message();
    expect(done.content).toContain('Posted');
    const posted = await emu.waitForMessage((m) => m.message_reference?.message_id === question.id && m.author.id === emu.users.bot.id);
    expect(posted.channel_id).toBe(emu.channels.general.id);
    expect(posted.embeds[0]?.footer?.text).toMatch(/answered via \S+/);
    expect(posted.mentions).toEqual([]);
    const write = emu.messageWrites.slice(writesBefore).find((w) => w.messageId === posted.id);
    expect(write?.allowedMentionsPresent).toBe(true);
    expect(write?.allowedMentions).toEqual({ parse: [], replied_user: false });

    const recordId = pick.customId.split(':').at(-1);
    expect(await logRows("SELECT source, kind, record_id, question FROM labels WHERE source = 'helper'")).toEqual([
      { source: 'helper', kind: 'faq', record_id: recordId, question: 'hey when does the microsoft ip license run out' },
    ]);
  });

  it('offers no records for chatter: nothing in the FAQ matches it', async () => {
    const chatter = emu.sendMessage({ channelId: emu.channels.general.id, authorId: emu.users.member.id, content: 'lol nice weather today' });
    const refused = await (await emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: chatter.id, userId: emu.users.owner.id })).message();
    expect(refused.flags! & 64).toBe(64);
    expect(refused.content).toBe('Nothing in the FAQ matches that message.');
    expect(buttons(refused)).toEqual([]);
  });

  it('names itself as members find it when a helper uses it again too soon: Apps → Answer with FAQ, no slash', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, authorId: emu.users.member.id, content: 'can openai use aws now?' });
    const use = async () => (await emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: question.id, userId: emu.users.owner.id })).message();
    await use();
    const refused = await use();
    expect(refused.flags! & 64).toBe(64);
    expect(refused.content).toMatch(/^⏳ One moment please — you can use Apps → Answer with FAQ again in \d+s\.$/);
  });
});
