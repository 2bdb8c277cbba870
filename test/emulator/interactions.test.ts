import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  REST,
  Routes,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type Client,
  type Interaction,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient } from './helpers.ts';

const askCommand = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the FAQ bot')
  .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true).setAutocomplete(true))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer'));

const faqCommand = new SlashCommandBuilder()
  .setName('faq')
  .setDescription('FAQ admin')
  .addSubcommand((s) =>
    s
      .setName('show')
      .setDescription('Show an entry')
      .addStringOption((o) => o.setName('id').setDescription('Entry id').setRequired(true)),
  );

/** Registers commands the way a bot's deploy script does: PUT with the bot token. */
async function register(emu: DiscordEmulator): Promise<void> {
  const rest = new REST({ api: emu.apiBase }).setToken(emu.token);
  await rest.put(Routes.applicationGuildCommands(emu.applicationId, emu.guildId), {
    body: [askCommand.toJSON(), faqCommand.toJSON()],
  });
}

describe('DiscordEmulator: interactions', () => {
  let emu: DiscordEmulator;
  let client: Client;
  /** Each test installs its own handler; errors are collected so a test can assert on Discord's rejections. */
  let handler: (interaction: Interaction) => Promise<unknown>;
  let handlerErrors: unknown[];

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300, interactionTimeoutMs: 1500 });
    await register(emu);
    handlerErrors = [];
    handler = async () => undefined;
    client = makeClient(emu);
    client.on('interactionCreate', (interaction) => {
      handler(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    await loginAndWait(client, emu);
  });

  afterEach(async () => {
    await client.destroy();
    await emu.stop();
  });

  it('registers commands with ids and dispatches a realistic slash command the client can reply to', async () => {
    const registered = emu.commands({ guildId: emu.guildId });
    expect(registered.map((c) => c.name)).toEqual(['ask', 'faq']);
    expect(registered[0]?.id).toMatch(/^\d{17,20}$/);

    let seen: { id: string; question: string | null; perms: string | undefined; channel: string } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        id: interaction.commandId,
        question: interaction.options.getString('question'),
        perms: interaction.memberPermissions?.bitfield.toString(),
        channel: interaction.channelId,
      };
      await interaction.reply({ content: 'Yes, under the amended terms.', allowedMentions: { parse: [] } });
    };
    const r = await emu.runSlashCommand({
      name: 'ask',
      options: [{ name: 'question', value: 'can openai use aws' }],
      userId: emu.users.member.id,
      channelId: emu.channels.faq.id,
    });
    const msg = await r.message();

    expect(seen).toMatchObject({ id: registered[0]?.id, question: 'can openai use aws', channel: emu.channels.faq.id });
    expect(r).toMatchObject({ response: { type: 4, data: { content: 'Yes, under the amended terms.' } }, followUps: [], edits: [] });
    expect(msg.content).toBe('Yes, under the amended terms.');
    expect(msg.interaction_metadata).toMatchObject({ id: r.id, user: { id: emu.users.member.id } });
    expect(msg.author.id).toBe(emu.users.bot.id);
    expect(emu.messagesIn(emu.channels.faq.id).map((m) => m.id)).toContain(msg.id);
    expect(r.payload).toMatchObject({ type: 2, guild_id: emu.guildId, version: 1, context: 0 });
  });

  it('computes member permissions from roles (moderator has Manage Guild, member does not)', async () => {
    const perms: Record<string, boolean> = {};
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      perms[interaction.user.id] = interaction.memberPermissions?.has('ManageGuild') ?? false;
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    };
    await emu.runSlashCommand({ name: 'faq', subcommand: 'show', options: [{ name: 'id', value: 'q1' }], userId: emu.users.moderator.id });
    await emu.runSlashCommand({ name: 'faq', subcommand: 'show', options: [{ name: 'id', value: 'q1' }], userId: emu.users.member.id });
    expect(perms).toEqual({ [emu.users.moderator.id]: true, [emu.users.member.id]: false });
  });

  it('waits for defer + editReply and returns the final visible message', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await interaction.editReply({ content: 'Thought about it: yes.', allowedMentions: { parse: [] } });
    };
    const r = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'defer please' }] });
    expect(r.callbackType).toBe(5);
    expect(r.deferred).toBe(true);
    const msg = await r.message();
    expect(msg.content).toBe('Thought about it: yes.');
    expect(r.edits).toHaveLength(1);
    expect(r.finalMessage?.content).toBe('Thought about it: yes.');
    expect((msg.flags ?? 0) & (1 << 7)).toBe(0);
  });

  it('treats the first follow-up after a deferral as the reply, and honours with_response', async () => {
    let callbackMessageId: string | null | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.deferReply({ flags: MessageFlags.Ephemeral, withResponse: true });
      callbackMessageId = response.resource?.message?.id;
      await interaction.followUp({ content: 'private answer', allowedMentions: { parse: [] } });
      await interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    };
    const r = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] });
    const first = await r.message();
    await r.waitForFollowUp(2000, 2);
    expect(first.content).toBe('private answer');
    expect(first.id).toBe(callbackMessageId);
    expect((first.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(r.followUps.map((m) => m.content)).toEqual(['private answer', 'second']);
    expect(emu.requests.some((q) => q.query['with_response'] === 'true' && q.status === 200)).toBe(true);
  });

  it('returns autocomplete choices', async () => {
    handler = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([
        { name: `${typed} on azure?`, value: 'azure' },
        { name: `${typed} on aws?`, value: 'aws' },
      ]);
    };
    const choices = await emu.autocomplete({ name: 'ask', options: [{ name: 'question', value: 'can openai run', focused: true }] });
    expect(choices).toEqual([
      { name: 'can openai run on azure?', value: 'azure' },
      { name: 'can openai run on aws?', value: 'aws' },
    ]);
  });

  it('rejects more than 25 autocomplete choices with 50035 and a path', async () => {
    handler = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      await interaction.respond(Array.from({ length: 26 }, (_, i) => ({ name: `choice ${i}`, value: `v${i}` })));
    };
    await expect(emu.autocomplete({ name: 'ask', options: [{ name: 'question', value: 'x', focused: true }] })).rejects.toThrow(/50035/);
    const rejected = await emu.waitFor((q) => q.route.endsWith('/callback') && q.status === 400);
    expect(rejected.error).toMatchObject({ code: 50035, errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
  });

  it('updates the message a button sits on', async () => {
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('faq:helpful').setLabel('Helpful').setStyle(ButtonStyle.Success),
        );
        await interaction.reply({ content: 'Answer', components: [row], allowedMentions: { parse: [] } });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `Answer (marked helpful by ${interaction.user.username})`, components: [], allowedMentions: { parse: [] } });
      }
    };
    const answer = await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] })).message();
    const click = await emu.clickButton({ customId: 'faq:helpful', messageId: answer.id, userId: emu.users.moderator.id });
    expect(click.callbackType).toBe(7);
    const updated = await click.message();
    expect(updated.id).toBe(answer.id);
    expect(updated.content).toBe('Answer (marked helpful by mod.molly)');
    expect(updated.components).toEqual([]);
    expect(emu.message(answer.id)?.content).toBe(updated.content);
    expect(click.payload).toMatchObject({ type: 3, data: { custom_id: 'faq:helpful', component_type: 2 }, message: { id: answer.id } });
  });

  it('opens a modal from a button and receives the submitted fields (action-row and label layouts)', async () => {
    let submitted: Record<string, string> = {};
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('faq:report').setLabel('Report').setStyle(ButtonStyle.Danger),
        );
        await interaction.reply({ content: 'Answer', components: [row], allowedMentions: { parse: [] } });
      } else if (interaction.isButton()) {
        const modal = new ModalBuilder()
          .setCustomId('report-modal')
          .setTitle('Report an answer')
          .addActionRowComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder().setCustomId('reason').setLabel('Reason').setStyle(TextInputStyle.Short),
            ),
          )
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('Details')
              .setTextInputComponent(new TextInputBuilder().setCustomId('details').setStyle(TextInputStyle.Paragraph).setRequired(false)),
          );
        await interaction.showModal(modal);
      } else if (interaction.isModalSubmit()) {
        submitted = {
          reason: interaction.fields.getTextInputValue('reason'),
          details: interaction.fields.getTextInputValue('details'),
        };
        await interaction.reply({ content: 'Thanks for the report', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
    };
    const answer = await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] })).message();
    const click = await emu.clickButton({ customId: 'faq:report', messageId: answer.id });
    expect(click.callbackType).toBe(9);
    expect(click.modal).toMatchObject({ custom_id: 'report-modal', title: 'Report an answer' });

    const submit = await emu.submitModal({ customId: 'report-modal', fields: { reason: 'outdated', details: 'see 2025 amendment' } });
    expect(submitted).toEqual({ reason: 'outdated', details: 'see 2025 amendment' });
    expect((await submit.message()).content).toBe('Thanks for the report');
    expect(submit.payload).toMatchObject({ type: 5, message: { id: answer.id } });
  });

  it('rejects modals over Discord limits (title, component count, label, lengths, custom_id)', async () => {
    const input = (over: Record<string, unknown> = {}) => ({ type: 4, custom_id: 'q', label: 'Question', style: 1, ...over });
    const modal = (over: Record<string, unknown> = {}, components: unknown[] = [{ type: 1, components: [input()] }]) => ({
      type: 9,
      data: { custom_id: 'm', title: 'Ask', components, ...over },
    });
    const invalid = [
      modal({ title: 't'.repeat(46) }),
      modal({}, Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [input({ custom_id: `q${i}` })] }))),
      modal({}, [{ type: 1, components: [input({ label: 'l'.repeat(46) })] }]),
      modal({}, [{ type: 1, components: [input({ max_length: 4001 })] }]),
      modal({}, [{ type: 1, components: [input({ value: 'v'.repeat(4001) })] }]),
      modal({ custom_id: 'c'.repeat(101) }),
    ];
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      for (const body of invalid) {
        await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false }).catch(() => undefined);
      }
      await interaction.reply({ content: 'fallback', allowedMentions: { parse: [] } });
    };
    // The first rejected callback already fails the wait; the bot's later valid reply is still recorded.
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] })).rejects.toThrow(/title/);
    await emu.waitFor((q) => q.route.endsWith('/callback') && q.status === 204);
    const errors = emu.requests.filter((q) => q.route.endsWith('/callback') && q.status === 400).map((q) => q.error?.['errors']);
    expect(errors).toMatchObject([
      { data: { title: {} } },
      { data: { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
      { data: { components: { 0: { components: { 0: { label: {} } } } } } },
      { data: { components: { 0: { components: { 0: { max_length: {} } } } } } },
      { data: { components: { 0: { components: { 0: { value: {} } } } } } },
      { data: { custom_id: {} } },
    ]);
  });

  it('supports deferUpdate + editReply on a component, and refuses follow-ups before acknowledgement', async () => {
    let earlyFollowUp: unknown;
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        earlyFollowUp = await client.rest
          .post(Routes.webhook(emu.applicationId, interaction.token), { body: { content: 'too early' }, auth: false })
          .catch((error: unknown) => error);
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('faq:refresh').setLabel('Refresh').setStyle(ButtonStyle.Secondary),
        );
        await interaction.reply({ content: 'v1', components: [row], allowedMentions: { parse: [] } });
      } else if (interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'v2', allowedMentions: { parse: [] } });
      }
    };
    const answer = await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] })).message();
    expect(earlyFollowUp).toMatchObject({ status: 404, code: 10015 });
    const click = await emu.clickButton({ customId: 'faq:refresh', messageId: answer.id });
    expect(click.callbackType).toBe(6);
    const updated = await click.message();
    expect(updated).toMatchObject({ id: answer.id, content: 'v2' });
    expect(updated.edited_timestamp).not.toBeNull();
  });

  it('dispatches string select interactions with the chosen values', async () => {
    let chosen: string[] = [];
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({
          content: 'Pick a topic',
          components: [{ type: 1, components: [{ type: 3, custom_id: 'topic', options: [{ label: 'Azure', value: 'azure' }, { label: 'AGI', value: 'agi' }] }] }],
          allowedMentions: { parse: [] },
        });
      } else if (interaction.isStringSelectMenu()) {
        chosen = interaction.values;
        await interaction.update({ content: `Topic: ${interaction.values.join(', ')}`, components: [], allowedMentions: { parse: [] } });
      }
    };
    const prompt = await (await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] })).message();
    await expect(emu.clickButton({ customId: 'topic', messageId: prompt.id })).rejects.toThrow(/type 3/);
    await expect(emu.selectMenu({ customId: 'topic', messageId: prompt.id, values: ['gpu'] })).rejects.toThrow(/no option/);
    const r = await emu.selectMenu({ customId: 'topic', messageId: prompt.id, values: ['agi'] });
    expect(chosen).toEqual(['agi']);
    expect((await r.message()).content).toBe('Topic: agi');
    // The update removed the menu, so it can no longer be used.
    await expect(emu.selectMenu({ customId: 'topic', messageId: prompt.id, values: ['agi'] })).rejects.toThrow(/no component/);
  });

  it('refuses test input Discord could never send (unknown option, missing required option)', async () => {
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'nope', value: 'x' }] })).rejects.toThrow(/not registered/);
    await expect(emu.runSlashCommand({ name: 'ask', options: [] })).rejects.toThrow(/required option/);
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }], userId: '42' })).rejects.toThrow(/Unknown user/);
  });

  it('dispatches unregistered commands with a generated id unless strictCommands is set', async () => {
    let name = '';
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      name = interaction.commandName;
      await interaction.reply({ content: 'pong', allowedMentions: { parse: [] } });
    };
    await emu.runSlashCommand({ name: 'ping' });
    expect(name).toBe('ping');
    let inGuild: boolean | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      inGuild = interaction.inGuild();
      await interaction.reply({ content: 'pong in DM', allowedMentions: { parse: [] } });
    };
    const dm = await emu.runSlashCommand({ name: 'ping', dm: true, userId: emu.users.moderator.id });
    expect(inGuild).toBe(false);
    expect(dm.payload).toMatchObject({ context: 1, user: { id: emu.users.moderator.id } });
    expect((await dm.message()).guild_id).toBeUndefined();
    const strict = await DiscordEmulator.start({ strictCommands: true });
    try {
      await expect(strict.runSlashCommand({ name: 'ping' })).rejects.toThrow(/not registered/);
    } finally {
      await strict.stop();
    }
  });

  it('answers a second callback with 40060 "already acknowledged"', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'first', allowedMentions: { parse: [] } });
      // Bypass discord.js's own guard to hit Discord's rule, as a second process or a retry would.
      await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: 4, data: { content: 'second' } },
        auth: false,
      });
    };
    const r = await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'q' }] });
    expect((await r.message()).content).toBe('first');
    const second = await emu.waitFor((q) => q.route.endsWith('/callback') && q.status === 400);
    expect(second.error).toEqual({ code: 40060, message: 'Interaction has already been acknowledged.' });
    await expect.poll(() => handlerErrors.length).toBe(1);
    expect(String(handlerErrors[0])).toMatch(/already been acknowledged/);
  });

  it('answers a callback after the timeout with 10062 "Unknown interaction"', async () => {
    await client.destroy();
    await emu.stop();
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300, interactionTimeoutMs: 300, interactionTokenLifetimeMs: 300 });
    client = makeClient(emu);
    client.on('interactionCreate', (interaction) => {
      handler(interaction).catch((error: unknown) => handlerErrors.push(error));
    });
    await loginAndWait(client, emu);
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 600));
      await interaction.reply({ content: 'too late', allowedMentions: { parse: [] } });
    };
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'slow' }] })).rejects.toThrow(/10062|did not respond/);
    const late = await emu.waitFor((q) => q.route.endsWith('/callback'));
    expect(late).toMatchObject({ status: 404, errorCode: 10062 });
    await expect.poll(() => handlerErrors.length).toBe(1);

    // The interaction token (webhook) expires after its lifetime (15 min on Discord, 300 ms here).
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'in time', allowedMentions: { parse: [] } });
      await new Promise((resolve) => setTimeout(resolve, 600));
      await interaction.editReply({ content: 'edited too late', allowedMentions: { parse: [] } });
    };
    await emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'ok' }] });
    const expired = await emu.waitFor((q) => q.method === 'PATCH' && q.route.includes('/webhooks/'));
    expect(expired).toMatchObject({ status: 401, errorCode: 50027 });
  });

  it('rejects a reply over 2000 characters and an embed over the limits with 50035', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question', true);
      if (question === 'long') await interaction.reply({ content: 'x'.repeat(2001), allowedMentions: { parse: [] } });
      else {
        await interaction.reply({
          embeds: [{ title: 't'.repeat(257), description: 'd'.repeat(4097), fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }],
          allowedMentions: { parse: [] },
        });
      }
    };
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'long' }] })).rejects.toThrow(/50035/);
    await expect(emu.runSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'embed' }] })).rejects.toThrow(/50035/);
    const [long, embed] = emu.requests.filter((q) => q.route.endsWith('/callback'));
    expect(long?.error).toMatchObject({ errors: { data: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(embed?.error).toMatchObject({
      errors: { data: { embeds: { 0: { title: { _errors: [{}] }, description: { _errors: [{}] }, fields: { _errors: [{}] } } } } },
    });
  });
});
