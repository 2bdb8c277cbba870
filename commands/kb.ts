import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ModalSubmitInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { handledBy, UserFacingError, type CommandModule, type ModeratorContext } from '../src/discord/commandModule.ts';
import { defer, deferEdit, respond, respondChoices, showForm, updateMessage } from '../src/discord/send.ts';
import { memberOf } from '../src/discord/logger.ts';
import { kbIds, type KbAction } from '../src/discord/moderation/kbIds.ts';
import { formatChanges, formatConfusions, formatCounts, formatProblems, formatStats, refusalText } from '../src/discord/moderation/kbMessages.ts';
import { postToModLog } from '../src/discord/moderation/modLog.ts';
import { faqFromForm, faqModal, termFromForm, termModal } from '../src/discord/moderation/recordForms.ts';
import { renderForDiscord } from '../src/discord/sendReply.ts';
import type { Edited, RecordKind, Refusal } from '../src/moderation/moderationService.ts';
import { addAlternateFromCommand, orRefused, pressGapAdd, pressGapButton, renderGaps } from '../src/discord/moderation/gapReview.ts';
import { formatStatsText, statsReport } from '../src/questionLog/statsReport.ts';
import { statsChartPng } from '../src/questionLog/statsChart.ts';
import { discordLimits } from '../src/knowledge/discordLimits.ts';

// Record ids are slugs of at most 64 characters (the knowledge schema).
const recordIdMaxLength = 64;
/** How far back /kb gaps and /kb stats look unless told. */
const defaultDays = 7;

/** add / edit / remove for one kind of record; `record` names it in descriptions ("an FAQ record"). */
function recordSubcommands(group: SlashCommandSubcommandGroupBuilder, name: 'faq' | 'term', plural: string, record: string): SlashCommandSubcommandGroupBuilder {
  const idOption = (option: SlashCommandStringOption) =>
    option
      .setName('id')
      .setDescription(`The ${record.replace(/^an? /, '')} to change; start typing to search`)
      .setAutocomplete(true)
      .setRequired(true)
      .setMaxLength(recordIdMaxLength);
  return group
    .setName(name)
    .setDescription(plural)
    .addSubcommand((sub) => sub.setName('add').setDescription(`Add ${record}`))
    .addSubcommand((sub) => sub.setName('edit').setDescription(`Edit ${record}`).addStringOption(idOption))
    .addSubcommand((sub) => sub.setName('remove').setDescription(`Remove ${record}`).addStringOption(idOption));
}

type EditInteraction = ModalSubmitInteraction | ButtonInteraction;

const actorOf = (interaction: EditInteraction) => ({ id: interaction.user.id, tag: interaction.user.tag });

/** A form submitted: a new record, or the edit of one (fields too long for the form and left empty are kept). */
async function submitForm(interaction: ModalSubmitInteraction, action: KbAction, context: ModeratorContext): Promise<void> {
  if (action.step !== 'add' && action.step !== 'save') throw new UserFacingError('That form has expired. Please run the command again.');
  const { records } = context.moderation;
  await defer(interaction, { ephemeral: true });
  const actor = actorOf(interaction);
  const submitted = (id: string) => interaction.fields.getTextInputValue(id);

  if (action.step === 'add') {
    const result = action.kind === 'faq' ? await records.add('faq', faqFromForm(submitted).record, actor) : await records.add('term', termFromForm(submitted).record, actor);
    await reportEdit(interaction, context, result, []);
    return;
  }
  // The file's copy: the fields the form could not hold, and the links it does not show. A record gone
  // since it was opened is the save's to report.
  const current = await records.read(action.kind, action.id);
  if (!current.ok && current.reason !== 'not_found') throw new UserFacingError(refusalText(current));
  const currentRecord = current.ok ? current.record : undefined;
  const form =
    action.kind === 'faq'
      ? faqFromForm(submitted, currentRecord && 'question' in currentRecord ? currentRecord : undefined)
      : termFromForm(submitted, currentRecord && 'term' in currentRecord ? currentRecord : undefined);
  const result = 'question' in form.record ? await records.save('faq', action.id, action.version, form.record, actor) : await records.save('term', action.id, action.version, form.record, actor);
  await reportEdit(interaction, context, result, form.kept);
}

/** The buttons of a removal confirmation; only the moderator who asked for it can press them. */
async function pressButton(interaction: ButtonInteraction, action: KbAction, context: ModeratorContext): Promise<void> {
  if (action.step === 'cancel') {
    await updateMessage(interaction, { content: 'Cancelled — nothing was changed.', components: [] });
    return;
  }
  if (action.step === 'gap-alt' || action.step === 'gap-new' || action.step === 'gap-dismiss') {
    await pressGapButton(interaction, { step: action.step, days: action.days, gap: action.gap }, context);
    return;
  }
  if (action.step === 'gap-add') {
    await pressGapAdd(interaction, action, context);
    return;
  }
  if (action.step !== 'remove') throw new UserFacingError('That button has expired. Please run the command again.');
  await deferEdit(interaction);
  await reportEdit(interaction, context, await context.moderation.records.remove(action.kind, action.id, action.version, actorOf(interaction)), []);
}

async function reportEdit(interaction: EditInteraction, context: ModeratorContext, result: Edited<RecordKind> | Refusal, kept: readonly string[]): Promise<void> {
  if (!result.ok) {
    const heading = `❌ Not saved: ${result.message}`;
    const problems = 'problems' in result ? result.problems : undefined;
    await respond(interaction, { content: problems?.length ? formatProblems(heading, problems) : heading, components: [] });
    return;
  }
  const ref = `${result.kind}:${result.id}`;
  const served = result.servedVersion !== null ? ` Now serving knowledge version ${result.servedVersion}.` : '';
  const verb = result.action === 'add' ? 'Added' : result.action === 'update' ? 'Saved' : 'Removed';
  const unchanged = kept.length > 0 ? ` Kept as they were (too long for the form): ${kept.join(', ')}.` : '';
  const { preview } = result;
  await respond(interaction, {
    content: `✅ ${verb} **${ref}**.${unchanged}${served}${preview ? ' Members now see:' : ''}`,
    ...(preview ? renderForDiscord(preview, { showConfidence: false }) : { embeds: [], components: [] }),
  });
  context.logger.info({ member: memberOf(context, interaction.user.id), action: result.action, record: ref }, 'Knowledge edited from Discord');
  await postToModLog(interaction.client, context.config.modLogChannelId, `📝 ${interaction.user.tag} ${verb.toLowerCase()} **${ref}** from Discord.${served}`, context.logger);
}

// One command holds every moderator tool, so one permission hides them all from members; the
// dispatcher checks `moderatorOnly` again on every command, autocomplete, button and form.
export default {
  data: new SlashCommandBuilder()
    .setName('kb')
    .setDescription('Moderators: edit, reload and check the knowledge base')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommandGroup((group) => recordSubcommands(group, 'faq', 'FAQ records', 'an FAQ record'))
    .addSubcommandGroup((group) => recordSubcommands(group, 'term', 'Glossary terms', 'a glossary term'))
    .addSubcommand((sub) => sub.setName('reload').setDescription('Reload the knowledge files now and show what changed'))
    .addSubcommand((sub) =>
      sub
        .setName('validate')
        .setDescription('Check the knowledge files without swapping them in')
        .addBooleanOption((option) => option.setName('confusions').setDescription('Also list the phrasings the bot answers with another record')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('stats')
        .setDescription('Record counts, the last reload, and questions per day with a chart')
        .addIntegerOption((option) => option.setName('days').setDescription('How many days back (default 7)').setMinValue(1).setMaxValue(365)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('gaps')
        .setDescription('Questions members asked that the bot did not answer well, grouped, most asked first')
        .addIntegerOption((option) => option.setName('days').setDescription('How many days back (default 7)').setMinValue(1).setMaxValue(365)),
    )
    .addSubcommand((sub) =>
      sub
        .setName('alternate')
        .setDescription('Add a question as another phrasing of an FAQ record (and to the regression questions)')
        .addStringOption((option) => option.setName('record').setDescription('The FAQ record; start typing to search').setAutocomplete(true).setRequired(true).setMaxLength(recordIdMaxLength))
        .addStringOption((option) => option.setName('question').setDescription('The question as members ask it').setRequired(true).setMaxLength(discordLimits.autocompleteChoiceName)),
    ),
  moderatorOnly: true,
  // Moderators of any server may read their own server's figures; the rest is for the knowledge servers' moderators.
  readOnlySubcommands: ['gaps', 'stats'],
  buttons: handledBy(kbIds, pressButton, { pressableBy: 'invoker' }),
  forms: handledBy(kbIds, submitForm),

  async execute(interaction, context) {
    const store = context.knowledge;
    const { records } = context.moderation;
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand(true);

    if (group === 'faq' || group === 'term') {
      if (sub === 'add') {
        const customId = kbIds.encode({ step: 'add', kind: group });
        await showForm(interaction, group === 'faq' ? faqModal(customId, 'New FAQ record') : termModal(customId, 'New glossary term'));
        return;
      }
      // The id is at most 64 characters (the option's max_length, checked by the dispatcher).
      const id = interaction.options.getString('id', true);
      if (sub === 'edit') {
        const opened = orRefused(await records.open(group, id));
        const customId = kbIds.encode({ step: 'save', kind: group, id, version: opened.version });
        await showForm(interaction, 'question' in opened.record ? faqModal(customId, `Edit ${id}`, opened.record) : termModal(customId, `Edit ${id}`, opened.record));
        return;
      }
      const opened = await records.openForRemoval(group, id);
      // Removing it would leave their links dangling: say who they are instead of offering a removal that fails.
      if (!opened.ok && opened.reason === 'linked') {
        const { linkers } = opened;
        throw new UserFacingError(
          `**faq:${id}** cannot be removed: ${linkers.join(', ')} ${linkers.length === 1 ? 'links' : 'link'} to it (related). Take it out of their related list first (/kb faq edit), then remove it.`,
        );
      }
      const { title, version } = orRefused(opened);
      await respond(
        interaction,
        {
          content: `Remove **${group}:${id}** — “${title}”? Members will no longer get this answer.`,
          components: [
            new ActionRowBuilder<ButtonBuilder>().addComponents(
              new ButtonBuilder().setCustomId(kbIds.encode({ step: 'remove', kind: group, id, version })).setLabel('Remove').setStyle(ButtonStyle.Danger),
              new ButtonBuilder().setCustomId(kbIds.encode({ step: 'cancel' })).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
            ),
          ],
        },
        { ephemeral: true },
      );
      return;
    }

    if (sub === 'alternate') {
      await addAlternateFromCommand(interaction, context, interaction.options.getString('record', true), interaction.options.getString('question', true));
      return;
    }
    const days = interaction.options.getInteger('days') ?? defaultDays;
    const guildId = context.scope.kind === 'own server' ? context.scope.guildId : null;
    await defer(interaction, { ephemeral: true });
    if (sub === 'gaps') {
      const { rows } = orRefused(await context.moderation.gaps.gaps(days, context.scope));
      await respond(interaction, renderGaps(rows, days, { ownServer: guildId !== null }));
      return;
    }
    if (sub === 'reload') {
      const result = await store.reload({ kind: 'request', by: interaction.user.tag });
      await respond(interaction, {
        content: result.ok
          ? `✅ Reloaded (version ${result.version}): ${formatCounts(result.counts)}.\nChanges: ${formatChanges(result.changes)}.`
          : formatProblems(`❌ Not reloaded: ${result.problems.length} problem(s). Still serving version ${store.current().version}.`, result.problems),
      });
    } else if (sub === 'validate') {
      const result = await store.validate();
      const validity = result.ok ? '✅ The knowledge files are valid.' : formatProblems(`❌ ${result.problems.length} problem(s) in the knowledge files:`, result.problems);
      if (!interaction.options.getBoolean('confusions')) {
        await respond(interaction, { content: validity });
        return;
      }
      // Of the knowledge being served: that is what members are answered from, valid files or not.
      const found = orRefused(await context.moderation.confusions());
      await respond(interaction, { content: `${validity}\n\n${formatConfusions(found.report, validity.length + 2)}` });
    } else {
      const knowledgeStats = formatStats(store.stats());
      const stats = context.questionLog?.enabled ? await statsReport(context.questionLog, { days, guildId }) : null;
      if (!stats) {
        const why = context.questionLog?.enabled ? 'the question log cannot be read right now' : 'the question log is off (QUESTION_LOG=off)';
        await respond(interaction, { content: `${knowledgeStats}

No question figures: ${why}.` });
        return;
      }
      // The figures in text too: the chart is for a glance, the text for screen readers and search.
      await respond(interaction, {
        content: `${knowledgeStats}

**Questions${guildId === null ? '' : ' in this server'}**
${formatStatsText(stats)}`,
        files: [{ attachment: statsChartPng(stats), name: 'questions-per-day.png', description: 'Questions per day by outcome' }],
      });
    }
  },

  async autocomplete(interaction, context) {
    const group = interaction.options.getSubcommandGroup(false);
    if (group === null && interaction.options.getSubcommand(false) === 'alternate') {
      const choices = context.knowledge.current().engine.complete('faq', interaction.options.getFocused());
      await respondChoices(interaction, choices.map((choice) => ({ name: `${choice.value} — ${choice.name}`.slice(0, 100), value: choice.value })));
      return;
    }
    if (group !== 'faq' && group !== 'term') {
      await respondChoices(interaction, []);
      return;
    }
    const choices = context.knowledge.current().engine.complete(group, interaction.options.getFocused());
    // Moderators pick by id, so show it.
    await respondChoices(interaction, choices.map((choice) => ({ name: `${choice.value} — ${choice.name}`.slice(0, 100), value: choice.value })));
  },
} satisfies CommandModule;
