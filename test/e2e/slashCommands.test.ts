import type { APIEmbed, APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnv, startBotProcess, type BotProcess } from '../support/botProcess.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

let emu: DiscordEmulator;
let bot: BotProcess;

beforeAll(async () => {
  emu = await DiscordEmulator.start({ heartbeatIntervalMs: 1000 });
  bot = await startBotProcess(botEnv(emu));
});

afterAll(async () => {
  expect(await bot.stop()).toBe(0);
  await emu.stop();
});

const asMember = { userId: () => emu.users.member.id };
const question = (value: string) => [{ name: 'question', value }];

function buttonsOf(message: { components?: unknown }): APIButtonComponentWithCustomId[] {
  const rows = (message.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];
  return rows.flatMap((row) => row.components).filter((c): c is APIButtonComponentWithCustomId => 'custom_id' in c);
}

function embedOf(message: { embeds?: APIEmbed[] }): APIEmbed {
  const [embed] = message.embeds ?? [];
  if (!embed) throw new Error(`expected an embed, got ${JSON.stringify(message)}`);
  return embed;
}

describe('start-up', () => {
  it('registers every slash command to the guild once, on ready', () => {
    const names = emu.commands({ guildId: emu.guildId }).map((command) => command.name).sort();
    expect(names).toEqual(expect.arrayContaining(['ask', 'compare', 'faq', 'help', 'sources', 'term']));
    expect(emu.requests.filter((r) => r.method === 'PUT' && r.route.includes('/commands'))).toHaveLength(1);
    expect(bot.logs.some((line) => line.msg === 'Bot is ready' && line.faq === 17)).toBe(true);
  });

  it('does not re-send unchanged commands when it starts again', async () => {
    const second = await startBotProcess(botEnv(emu));
    expect(second.logs.some((line) => line.msg === 'Slash commands already up to date')).toBe(true);
    expect(await second.stop()).toBe(0);
    expect(emu.requests.filter((r) => r.method === 'PUT' && r.route.includes('/commands'))).toHaveLength(1);
  });
});

describe('/ask', () => {
  it('answers with a sourced embed, quote and related buttons', async () => {
    const result = await emu.runSlashCommand({ name: 'ask', options: question('can openai use aws now?'), userId: asMember.userId() });
    const message = await result.message();
    const embed = embedOf(message);
    expect(embed.title).toBe('Can OpenAI now use AWS or Google Cloud?');
    expect(embed.description).toContain('any cloud provider');
    expect(embed.fields?.find((f) => f.name === 'Sources')?.value).toContain('Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation');
    expect(embed.fields?.find((f) => f.name === 'Quote')?.value).toMatch(/^> /);
    expect(embed.footer?.text).toMatch(/FAQ/);
    expect(buttonsOf(message).map((b) => b.custom_id)).toContain('ask:table');
    expect((message.flags ?? 0) & 64).toBe(0);
  });

  it('replies privately with private:true', async () => {
    const result = await emu.runSlashCommand({
      name: 'ask',
      options: [...question('when does the ip license expire'), { name: 'private', value: true }],
      userId: asMember.userId(),
    });
    const message = await result.message();
    expect(embedOf(message).description).toContain('2032');
    expect((message.flags ?? 0) & 64).toBe(64);
  });

  it('says politely that it does not know an off-topic question', async () => {
    const message = await (await emu.runSlashCommand({ name: 'ask', options: question('how do i bake bread at home?'), userId: asMember.userId() })).message();
    expect(message.content).toMatch(/don't have an answer/);
    expect(message.embeds ?? []).toHaveLength(0);
  });

  it('offers "did you mean" buttons, and a pressed suggestion shows that answer to the presser only', async () => {
    const message = await (await emu.runSlashCommand({ name: 'ask', options: question('revenue share'), userId: asMember.userId() })).message();
    const buttons = buttonsOf(message);
    const suggestion = buttons.find((b) => b.custom_id.startsWith('ask:show:'));
    expect(suggestion).toBeDefined();
    // "None of these" names the logged question it answers: `ask:none:<question id>`.
    expect(buttons.map((b) => b.custom_id)).toContainEqual(expect.stringMatching(/^ask:none:[\w-]{12}$/));
    const pressed = await emu.clickButton({ customId: suggestion!.custom_id, messageId: message.id, userId: emu.users.moderator.id });
    const shown = await pressed.message();
    expect((shown.flags ?? 0) & 64).toBe(64);
    expect(embedOf(shown).title).toBe(suggestion!.label);
  });
});

describe('/faq, /term, /compare, /sources, /help', () => {
  it('lists the FAQ with paging buttons that turn the page', async () => {
    const list = await (await emu.runSlashCommand({ name: 'faq', userId: asMember.userId() })).message();
    const next = buttonsOf(list).find((b) => b.custom_id.startsWith('faq:page:') && !b.disabled);
    expect(embedOf(list).description).toContain('Can OpenAI now use AWS or Google Cloud?');
    expect(next).toBeDefined();
    const turned = await emu.clickButton({ customId: next!.custom_id, messageId: list.id, userId: asMember.userId() });
    expect(turned.callbackType).toBe(7);
    expect(embedOf(await turned.message()).description).not.toContain('Can OpenAI now use AWS or Google Cloud?');
  });

  it("pages someone else's list privately for the presser, leaving the list as it is for everyone", async () => {
    const list = await (await emu.runSlashCommand({ name: 'faq', userId: asMember.userId() })).message();
    const next = buttonsOf(list).find((b) => b.custom_id === 'faq:page:2');
    expect(next).toBeDefined();
    const pressed = await emu.clickButton({ customId: next!.custom_id, messageId: list.id, userId: emu.users.moderator.id });
    expect(pressed.callbackType).toBe(4);
    const copy = await pressed.message();
    expect((copy.flags ?? 0) & 64).toBe(64);
    expect(embedOf(copy).footer?.text).toMatch(/^Page 2 of /);
    // The member's list is still on page 1, for everyone.
    const unchanged = emu.message(list.id);
    expect(embedOf(unchanged ?? {}).footer?.text).toMatch(/^Page 1 of /);
    expect(unchanged?.edited_timestamp ?? null).toBeNull();
    // The presser's private copy pages in place for them.
    const back = buttonsOf(copy).find((b) => b.custom_id === 'faq:page:1');
    expect(back?.disabled).toBe(false);
    const turned = await emu.clickButton({ customId: back!.custom_id, messageId: copy.id, userId: emu.users.moderator.id });
    expect(turned.callbackType).toBe(7);
    expect(embedOf(await turned.message()).footer?.text).toMatch(/^Page 1 of /);
  });

  it('autocompletes FAQ questions within Discord limits and answers the picked one', async () => {
    const choices = await emu.autocomplete({ name: 'faq', options: [{ name: 'question', value: 'cloud', focused: true }], userId: asMember.userId() });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    const picked = choices.find((choice) => choice.value === 'primary-cloud-partner');
    expect(picked).toBeDefined();
    const message = await (await emu.runSlashCommand({ name: 'faq', options: question(String(picked!.value)), userId: asMember.userId() })).message();
    expect(embedOf(message).title).toBe('Is Microsoft still OpenAI\'s primary cloud partner?');
  });

  it('answers the question the list shows under a number, and says so for a number past the list', async () => {
    const list = await (await emu.runSlashCommand({ name: 'faq', userId: asMember.userId() })).message();
    const third = /^3\. (.+)$/m.exec(embedOf(list).description ?? '')?.[1];
    expect(third).toBeDefined();
    const picked = await (await emu.runSlashCommand({ name: 'faq', options: question('3'), userId: asMember.userId() })).message();
    expect(embedOf(picked).title).toBe(third);
    const past = await (await emu.runSlashCommand({ name: 'faq', options: question('999'), userId: asMember.userId() })).message();
    expect((past.flags ?? 0) & 64).toBe(64);
    expect(past.content).toMatch(/^There is no question 999: the list \(`\/faq`\) has \d+ questions\.$/);
  });

  it('autocompletes and defines glossary terms', async () => {
    const choices = await emu.autocomplete({ name: 'term', options: [{ name: 'name', value: 'lock', focused: true }], userId: asMember.userId() });
    expect(choices[0]).toEqual({ name: 'lock-in — Vendor lock-in', value: 'vendor-lock-in' });
    const message = await (await emu.runSlashCommand({ name: 'term', options: [{ name: 'name', value: 'vendor-lock-in' }], userId: asMember.userId() })).message();
    expect(embedOf(message)).toMatchObject({ title: 'Vendor lock-in' });
    expect(embedOf(message).fields?.find((f) => f.name === 'Sources')).toBeDefined();
  });

  it('shows the whole comparison table, or one row', async () => {
    const whole = embedOf(await (await emu.runSlashCommand({ name: 'compare', userId: asMember.userId() })).message());
    const wholeText = JSON.stringify(whole);
    for (const feature of ['Cloud Deployment', 'IP License', 'Microsoft → OpenAI', 'OpenAI → Microsoft']) expect(wholeText).toContain(feature);
    const rows = await emu.autocomplete({ name: 'compare', options: [{ name: 'feature', value: 'ip', focused: true }], userId: asMember.userId() });
    expect(rows.map((row) => row.value)).toEqual(['IP License']);
    // A slip in what was typed still finds the rows.
    const mistyped = await emu.autocomplete({ name: 'compare', options: [{ name: 'feature', value: 'revnue', focused: true }], userId: asMember.userId() });
    expect(mistyped.map((row) => row.value)).toEqual(['Microsoft → OpenAI', 'OpenAI → Microsoft']);
    const one = JSON.stringify(embedOf(await (await emu.runSlashCommand({ name: 'compare', options: [{ name: 'feature', value: 'IP License' }], userId: asMember.userId() })).message()));
    expect(one).toContain('Non-exclusive through 2032');
    expect(one).not.toContain('Cloud Deployment');
    // A feature no row has: said privately, with the rows there are, not the whole table as if it answered.
    const none = await (await emu.runSlashCommand({ name: 'compare', options: [{ name: 'feature', value: 'pricing' }], userId: asMember.userId() })).message();
    expect((none.flags ?? 0) & 64).toBe(64);
    expect(none.embeds ?? []).toEqual([]);
    expect(none.content).toMatch(/^No row of the comparison table matches “pricing”\. Its rows: “Cloud Deployment”, “IP License”/);
  });

  it('lists the sources, and shows help privately', async () => {
    const sources = JSON.stringify(embedOf(await (await emu.runSlashCommand({ name: 'sources', userId: asMember.userId() })).message()));
    expect(sources).toContain('Microsoft and OpenAI Amend Partnership to Accelerate AI Innovation');
    const help = await (await emu.runSlashCommand({ name: 'help', userId: asMember.userId() })).message();
    expect((help.flags ?? 0) & 64).toBe(64);
    // Every command the bot registered, each as members reach it.
    for (const name of ['/ask', '/faq', '/term', '/compare', '/sources', '/help', '/privacy', '/forget-me', 'Apps → Answer with FAQ', '/kb']) {
      expect(JSON.stringify(help)).toContain(`\`${name}\``);
    }
    expect(JSON.stringify(help)).toContain('direct message');
  });

  it('shows the comparison table to whoever presses "Show comparison table"', async () => {
    const answer = await (await emu.runSlashCommand({ name: 'ask', options: question('is the revenue share openai pays capped'), userId: asMember.userId() })).message();
    const pressed = await (await emu.clickButton({ customId: 'ask:table', messageId: answer.id, userId: emu.users.moderator.id })).message();
    expect(JSON.stringify(embedOf(pressed))).toContain('Revenue share (capped) thru 2030');
    expect((pressed.flags ?? 0) & 64).toBe(64);
  });
});

describe('what members send', () => {
  it('refuses an option longer than its definition allows, briefly, before any work', async () => {
    const result = await emu.runSlashCommand({ name: 'ask', options: question('can openai use aws? '.repeat(300)), userId: asMember.userId() });
    const message = await result.message();
    expect(message.content).toBe('The `question` option is too long: at most 1000 characters.');
    expect((message.flags ?? 0) & 64).toBe(64);
  });

  it('thanks whoever presses "None of these", privately', async () => {
    const answer = await (await emu.runSlashCommand({ name: 'ask', options: question('revenue share'), userId: asMember.userId() })).message();
    const none = buttonsOf(answer).find((b) => b.custom_id.startsWith('ask:none'));
    expect(none).toBeDefined();
    const pressed = await (await emu.clickButton({ customId: none!.custom_id, messageId: answer.id, userId: emu.users.moderator.id })).message();
    expect(pressed.content).toMatch(/^Thanks — noted\./);
    expect((pressed.flags ?? 0) & 64).toBe(64);
  });
});

describe('connection', () => {
  it('resumes after the gateway drops the connection and keeps answering', async () => {
    emu.disconnectClients(4000);
    await emu.waitForResume(10_000);
    const message = await (await emu.runSlashCommand({ name: 'ask', options: question('what is an llm'), userId: asMember.userId() })).message();
    expect(embedOf(message).title).toBe('Large language models (LLMs)');
  });
});

describe('every payload', () => {
  it('sets allowed_mentions so nothing can ping, and stays within Discord limits', () => {
    const writes = emu.messageWrites;
    expect(writes.length).toBeGreaterThan(10);
    for (const write of writes) {
      expect(write.accepted, JSON.stringify(write.payload).slice(0, 300)).toBe(true);
      if (write.kind === 'interaction.callback' && !('content' in write.payload) && !('embeds' in write.payload) && !('components' in write.payload)) continue;
      expect(write.allowedMentionsPresent, write.route).toBe(true);
      expect(write.allowedMentions).toMatchObject({ parse: [] });
    }
  });
});
