import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { UserFacingError, type BotContext } from '../src/discord/commandModule.ts';
import { noPings, respond, respondChoices } from '../src/discord/interactionReplies.ts';
import { isModerator } from '../src/discord/moderation/isModerator.ts';
import { decodeKbId, encodeKbId } from '../src/discord/moderation/kbIds.ts';
import { formatChanges, formatCounts, formatProblems, formatStats } from '../src/discord/moderation/kbMessages.ts';
import { postToModLog } from '../src/discord/moderation/modLog.ts';
import { faqFromForm, faqModal, slugFrom, termFromForm, termModal } from '../src/discord/moderation/recordForms.ts';
import type { ModeratorTools } from '../src/discord/moderatorTools.ts';
import { renderForDiscord } from '../src/discord/sendReply.ts';
import type { EditResult } from '../src/store/knowledgeWriter.ts';

/** add / edit / remove for one kind of record; `record` names it in descriptions ("an FAQ record"). */
function recordSubcommands(group: SlashCommandSubcommandGroupBuilder, name: 'faq' | 'term', plural: string, record: string): SlashCommandSubcommandGroupBuilder {
  const idOption = (option: SlashCommandStringOption) =>
    option.setName('id').setDescription(`The ${record.replace(/^an? /, '')} to change; start typing to search`).setAutocomplete(true).setRequired(true);
  return group
    .setName(name)
    .setDescription(plural)
    .addSubcommand((sub) => sub.setName('add').setDescription(`Add ${record}`))
    .addSubcommand((sub) => sub.setName('edit').setDescription(`Edit ${record}`).addStringOption(idOption))
    .addSubcommand((sub) => sub.setName('remove').setDescription(`Remove ${record}`).addStringOption(idOption));
}

// One command holds every moderator tool, so one permission hides them all from members.
export const data = new SlashCommandBuilder()
  .setName('kb')
  .setDescription('Moderators: edit, reload and check the knowledge base')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommandGroup((group) => recordSubcommands(group, 'faq', 'FAQ records', 'an FAQ record'))
  .addSubcommandGroup((group) => recordSubcommands(group, 'term', 'Glossary terms', 'a glossary term'))
  .addSubcommand((sub) => sub.setName('reload').setDescription('Reload the knowledge files now and show what changed'))
  .addSubcommand((sub) => sub.setName('validate').setDescription('Check the knowledge files without swapping them in'))
  .addSubcommand((sub) => sub.setName('stats').setDescription('Record counts and the last reload'));

type Interaction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** The tools, for a member allowed to use them; anyone else is refused before anything happens. */
function moderatorTools(interaction: Interaction, context: BotContext): ModeratorTools {
  if (!isModerator(interaction, context.config.modRoleIds)) {
    context.logger.warn({ userId: interaction.user.id, customId: 'customId' in interaction ? interaction.customId : interaction.commandName }, 'Refused /kb to a non-moderator');
    throw new UserFacingError('Only moderators can change the knowledge base (Manage Server permission or a moderator role).');
  }
  if (!context.moderation) throw new UserFacingError('Moderator tools are not available on this bot.');
  return context.moderation;
}

const actorOf = (interaction: Interaction) => ({ id: interaction.user.id, tag: interaction.user.tag });

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { store, writer } = moderatorTools(interaction, context);
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(true);

  if (group === 'faq' || group === 'term') {
    if (sub === 'add') {
      await interaction.showModal(group === 'faq' ? faqModal(encodeKbId({ step: 'add', kind: 'faq' }), 'New FAQ record') : termModal(encodeKbId({ step: 'add', kind: 'term' }), 'New glossary term'));
      return;
    }
    const id = interaction.options.getString('id', true);
    const opened = group === 'faq' ? await writer.readFaq(id) : await writer.readTerm(id);
    if (!opened) throw new UserFacingError(`There is no ${group === 'faq' ? 'FAQ record' : 'term'} with the id "${id}".`);
    if (sub === 'edit') {
      const customId = encodeKbId({ step: 'save', kind: group, id, version: opened.version });
      const modal = group === 'faq' && 'question' in opened.record ? faqModal(customId, `Edit ${id}`, opened.record) : 'term' in opened.record ? termModal(customId, `Edit ${id}`, opened.record) : null;
      if (!modal) throw new UserFacingError('That record cannot be edited here.');
      await interaction.showModal(modal);
      return;
    }
    const title = 'question' in opened.record ? opened.record.question : opened.record.term;
    await interaction.reply({
      content: `Remove **${group}:${id}** — “${title}”? Members will no longer get this answer.`,
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId(encodeKbId({ step: 'remove', kind: group, id, version: opened.version })).setLabel('Remove').setStyle(ButtonStyle.Danger),
          new ButtonBuilder().setCustomId(encodeKbId({ step: 'cancel' })).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
        ),
      ],
      flags: MessageFlags.Ephemeral,
      allowedMentions: noPings,
    });
    return;
  }

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (sub === 'reload') {
    const result = await store.reload(`/kb reload by ${interaction.user.tag}`);
    await respond(interaction, {
      content: result.ok
        ? `✅ Reloaded (version ${result.version}): ${formatCounts(result.counts)}.\nChanges: ${formatChanges(result.changes)}.`
        : formatProblems(`❌ Not reloaded: ${result.problems.length} problem(s). Still serving version ${store.current().version}.`, result.problems),
    });
  } else if (sub === 'validate') {
    const result = await store.validate();
    await respond(interaction, {
      content: result.ok ? '✅ The knowledge files are valid.' : formatProblems(`❌ ${result.problems.length} problem(s) in the knowledge files:`, result.problems),
    });
  } else {
    await respond(interaction, { content: formatStats(store.stats()) });
  }
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  const group = interaction.options.getSubcommandGroup(false);
  if ((group !== 'faq' && group !== 'term') || !isModerator(interaction, context.config.modRoleIds)) {
    await respondChoices(interaction, []);
    return;
  }
  const choices = context.knowledge.current().engine.complete(group, interaction.options.getFocused());
  // Moderators pick by id, so show it.
  await respondChoices(interaction, choices.map((choice) => ({ name: `${choice.value} — ${choice.name}`.slice(0, 100), value: choice.value })));
}

export async function handleModal(interaction: ModalSubmitInteraction, context: BotContext): Promise<void> {
  const action = decodeKbId(interaction.customId);
  if (!action || (action.step !== 'add' && action.step !== 'save')) throw new UserFacingError('That form has expired. Please run the command again.');
  const { writer } = moderatorTools(interaction, context);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const actor = actorOf(interaction);
  const { knowledge } = context.knowledge.current().engine;

  let result: EditResult<{ readonly id: string }>;
  if (action.step === 'add') {
    const taken = new Set([...knowledge.faq.map((r) => r.id), ...knowledge.terms.map((r) => r.id), knowledge.table.id]);
    const base = slugFrom(interaction.fields.getTextInputValue(action.kind === 'faq' ? 'question' : 'term'));
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    result = action.kind === 'faq' ? await writer.addFaq(faqFromForm(interaction, { id, related: [] }), actor) : await writer.addTerm(termFromForm(interaction, { id }), actor);
  } else if (action.kind === 'faq') {
    const related = knowledge.faq.find((record) => record.id === action.id)?.related ?? [];
    result = await writer.updateFaq(action.id, faqFromForm(interaction, { id: action.id, related }), action.version, actor);
  } else {
    result = await writer.updateTerm(action.id, termFromForm(interaction, { id: action.id }), action.version, actor);
  }
  await reportEdit(interaction, context, result, action.kind);
}

export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const action = decodeKbId(interaction.customId);
  if (!action) throw new UserFacingError('That button has expired. Please run the command again.');
  if (action.step === 'cancel') {
    await interaction.update({ content: 'Cancelled — nothing was changed.', components: [], allowedMentions: noPings });
    return;
  }
  if (action.step !== 'remove') throw new UserFacingError('That button has expired. Please run the command again.');
  const { writer } = moderatorTools(interaction, context);
  await interaction.deferUpdate();
  const result = action.kind === 'faq' ? await writer.removeFaq(action.id, action.version, actorOf(interaction)) : await writer.removeTerm(action.id, action.version, actorOf(interaction));
  await reportEdit(interaction, context, result, action.kind);
}

async function reportEdit(interaction: ModalSubmitInteraction | ButtonInteraction, context: BotContext, result: EditResult<{ readonly id: string }>, kind: 'faq' | 'term'): Promise<void> {
  if (!result.ok) {
    const heading = `❌ Not saved: ${result.message}`;
    await interaction.editReply({ content: result.problems?.length ? formatProblems(heading, result.problems) : heading, components: [], allowedMentions: noPings });
    return;
  }
  const ref = `${kind}:${result.record.id}`;
  const served = result.reload?.ok ? ` Now serving knowledge version ${result.reload.version}.` : '';
  const verb = result.action === 'add' ? 'Added' : result.action === 'update' ? 'Saved' : 'Removed';
  const preview = result.action === 'remove' ? null : context.knowledge.current().engine.replyFor(kind, result.record.id);
  await interaction.editReply({
    content: `✅ ${verb} **${ref}**.${served}${preview ? ' Members now see:' : ''}`,
    ...(preview ? renderForDiscord(preview, { showConfidence: false }) : { embeds: [], components: [] }),
    allowedMentions: noPings,
  });
  context.logger.info({ userId: interaction.user.id, action: result.action, record: ref }, 'Knowledge edited from Discord');
  await postToModLog(interaction.client, context.config.modLogChannelId, `📝 ${interaction.user.tag} ${verb.toLowerCase()} **${ref}** from Discord.${served}`, context.logger);
}
