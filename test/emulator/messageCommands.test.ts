import { ApplicationCommandType, ContextMenuCommandBuilder, MessageFlags, REST, Routes, type Client, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';
import { loginAndWait, makeClient } from './helpers.ts';

const answerCommand = new ContextMenuCommandBuilder().setName('Answer with FAQ').setType(ApplicationCommandType.Message);

describe('DiscordEmulator: message context-menu commands (type 3)', () => {
  let emu: DiscordEmulator;
  let client: Client;
  let handler: (interaction: Interaction) => Promise<unknown>;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ heartbeatIntervalMs: 300, interactionTimeoutMs: 1500, strictCommands: true });
    await new REST({ api: emu.apiBase }).setToken(emu.token).put(Routes.applicationGuildCommands(emu.applicationId, emu.guildId), { body: [answerCommand.toJSON()] });
    handler = async () => undefined;
    client = makeClient(emu);
    client.on('interactionCreate', (interaction) => void handler(interaction));
    await loginAndWait(client, emu);
  });

  afterEach(async () => {
    await client.destroy();
    await emu.stop();
  });

  it('registers a message command without a description and sends the right-clicked message to the bot, resolved', async () => {
    expect(emu.commands({ guildId: emu.guildId }).map((c) => [c.name, c.type])).toEqual([['Answer with FAQ', 3]]);
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'does the deal cover quantum computing?', authorId: emu.users.member.id });
    let seen: { name: string; targetId: string; content: string; author: string; user: string } | undefined;
    handler = async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return;
      seen = { name: interaction.commandName, targetId: interaction.targetId, content: interaction.targetMessage.content, author: interaction.targetMessage.author.id, user: interaction.user.id };
      await interaction.reply({ content: 'picked', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    };
    const result = await emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: question.id, userId: emu.users.moderator.id });
    expect(seen).toEqual({ name: 'Answer with FAQ', targetId: question.id, content: 'does the deal cover quantum computing?', author: emu.users.member.id, user: emu.users.moderator.id });
    const reply = await result.message();
    expect(reply.interaction_metadata).toMatchObject({ user: { id: emu.users.moderator.id }, command_type: 3, target_id: question.id });
    expect(result.payload).toMatchObject({ type: 2, data: { type: 3, target_id: question.id } });
  });

  it('refuses a message command nobody registered when commands are strict, and a message that does not exist', async () => {
    const question = emu.sendMessage({ channelId: emu.channels.general.id, content: 'hello' });
    await expect(emu.runMessageCommand({ name: 'Not registered', targetMessageId: question.id })).rejects.toThrow(/not registered/);
    await expect(emu.runMessageCommand({ name: 'Answer with FAQ', targetMessageId: '1' })).rejects.toThrow(/No stored message/);
  });
});
