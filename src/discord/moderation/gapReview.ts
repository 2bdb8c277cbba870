import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { AlternateAdded, Refusal } from '../../moderation/moderationService.ts';
import type { GapRow } from '../../questionLog/gapReport.ts';
import { UserFacingError, type ModeratorContext } from '../commandModule.ts';
import { defer, respond, showForm } from '../send.ts';
import { buttonRows } from '../render/replyPayload.ts';
import { truncate } from '../render/safeText.ts';
import { renderForDiscord } from '../sendReply.ts';
import { kbIds, type GapStep } from './kbIds.ts';
import { refusalText } from './kbMessages.ts';
import { faqModal } from './recordForms.ts';
import { postToModLog } from './modLog.ts';

/** Rows with buttons: a message holds five rows of buttons. */
const rowsWithActions = 5;
const rowsListed = 10;

export const gapOutcomeText = { no_match: 'no answer', suggestions: 'only suggestions', not_helpful: 'answer voted not helpful' } as const;

/** The service's answer, or the moderator is told why not. */
export function orRefused<T extends { readonly ok: true }>(result: T | Refusal): T {
  if (!result.ok) throw new UserFacingError(refusalText(result));
  return result;
}

/** One line per gap, as the moderator reads it in Discord. */
export function formatGapLine(row: GapRow, index: number): string {
  const chose = row.membersChose ? `\n   members chose **${row.membersChose.kind}:${row.membersChose.id}** for this (${row.membersChose.picks}×)` : '';
  return `${index + 1}. “${truncate(row.question.replace(/\s+/g, ' '), 150)}” — asked **${row.count}×**, last <t:${Math.floor(row.lastAsked / 1000)}:R>, ${gapOutcomeText[row.outcome]}${chose}`;
}

/**
 * The `/kb gaps` reply: the top gaps, each of the first five with its actions; `ownServer`: one server's gaps, for a
 * moderator outside the knowledge servers, read-only (no buttons: they cannot change the knowledge).
 */
export function renderGaps(rows: readonly GapRow[], days: number, { ownServer = false }: { ownServer?: boolean } = {}): { content: string; components: ActionRowBuilder<ButtonBuilder>[] } {
  const where = ownServer ? ' in this server' : '';
  if (rows.length === 0) return { content: `✅ No gaps${where} in the last ${days} day${days === 1 ? '' : 's'}: every question was answered and no answer was voted down.`, components: [] };
  const listed = rows.slice(0, rowsListed);
  const heading = `**Questions${where} the bot did not answer well, last ${days} day${days === 1 ? '' : 's'}** (most asked first):`;
  const content = [heading, ...listed.map(formatGapLine)].join('\n');
  if (ownServer) return { content, components: [] };
  const components = listed.slice(0, rowsWithActions).map((row, i) =>
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId(kbIds.encode({ step: 'gap-alt', days, gap: row.id })).setLabel(`#${i + 1}: add as alternate`).setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId(kbIds.encode({ step: 'gap-new', days, gap: row.id })).setLabel(`#${i + 1}: new FAQ`).setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId(kbIds.encode({ step: 'gap-dismiss', days, gap: row.id })).setLabel(`#${i + 1}: dismiss`).setStyle(ButtonStyle.Secondary),
    ),
  );
  return { content, components };
}

/** A gap row's button: show the records to add it to, open the new-FAQ form, or dismiss it. */
export async function pressGapButton(interaction: ButtonInteraction, action: { step: GapStep; days: number; gap: string }, context: ModeratorContext): Promise<void> {
  const gaps = context.moderation.gaps;
  if (action.step === 'gap-new') {
    const { gap } = orRefused(await gaps.gap(action.days, action.gap));
    await showForm(interaction, faqModal(kbIds.encode({ step: 'add', kind: 'faq' }), 'New FAQ record', undefined, { question: gap.question }));
    return;
  }
  if (action.step === 'gap-dismiss') {
    const { gap } = orRefused(await gaps.dismiss(action.days, action.gap));
    await respond(interaction, { content: `🙈 Dismissed “${truncate(gap.question, 150)}”: it comes back only if members ask it again.` }, { ephemeral: true });
    return;
  }
  const { gap, records } = orRefused(await gaps.recordsFor(action.days, action.gap));
  const buttons = records.map((record) =>
    new ButtonBuilder()
      .setCustomId(kbIds.encode({ step: 'gap-add', days: action.days, gap: gap.id, id: record.id }))
      .setLabel(truncate(`${record.id}: ${record.title}`, 80))
      .setStyle(ButtonStyle.Primary),
  );
  await respond(
    interaction,
    {
      content: `Add “${gap.question}” as another phrasing of which FAQ record?${buttons.length ? '' : ' The engine has no candidates for it.'}\nAny other record: \`/kb alternate\` (start typing the record to search).`,
      components: buttonRows(buttons),
    },
    { ephemeral: true },
  );
}

/** A gap row's record button: its question becomes a phrasing of that record. */
export async function pressGapAdd(interaction: ButtonInteraction, action: { days: number; gap: string; id: string }, context: ModeratorContext): Promise<void> {
  await defer(interaction, { ephemeral: true });
  const added = await context.moderation.gaps.addAsAlternate(action.days, action.gap, action.id, { id: interaction.user.id, tag: interaction.user.tag });
  await reportAlternate(interaction, context, added, 'gap review');
}

/** `/kb alternate`: the moderator's question becomes a phrasing of the record they picked. */
export async function addAlternateFromCommand(interaction: ChatInputCommandInteraction, context: ModeratorContext, recordId: string, question: string): Promise<void> {
  await defer(interaction, { ephemeral: true });
  const added = await context.moderation.addAlternate(recordId, question, { id: interaction.user.id, tag: interaction.user.tag });
  await reportAlternate(interaction, context, added.ok ? { ...added, question } : added, '/kb alternate');
}

/** Shows the moderator what members now get for the question, and tells the mod log (from a gap row or `/kb alternate`, as `origin` says). */
async function reportAlternate(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  context: ModeratorContext,
  result: (AlternateAdded & { readonly question: string }) | Refusal,
  origin: 'gap review' | '/kb alternate',
): Promise<void> {
  if (!result.ok) {
    await respond(interaction, { content: result.reason === 'unreadable_file' || result.reason === 'gap_gone' ? refusalText(result) : `❌ Not added: ${result.message}` });
    return;
  }
  const { question, recordId } = result;
  const regression =
    result.regression === 'added' ? 'Added to regressions.yaml.' : result.regression === 'listed' ? 'Already in regressions.yaml.' : `Not added to regressions.yaml: ${result.regression}.`;
  const what = result.alreadyThere ? `“${question}” was already a phrasing of **faq:${recordId}**.` : `✅ Added “${question}” as a phrasing of **faq:${recordId}**.`;
  await respond(interaction, {
    content: `${what} ${regression} ${result.reachesRecord ? 'Members asking it now get:' : `⚠️ The question does not reach it yet (now: ${result.answer.status}); check the record with /kb faq edit.`}`,
    ...(result.reachesRecord ? renderForDiscord(result.answer, { showConfidence: false }) : { embeds: [], components: [] }),
  });
  context.logger.info({ record: `faq:${recordId}`, regression: result.regression }, 'Added a member question as an alternate');
  if (!result.alreadyThere) {
    await postToModLog(
      interaction.client,
      context.config.modLogChannelId,
      `📝 ${interaction.user.tag} added “${question}” as a phrasing of **faq:${recordId}** (${origin === 'gap review' ? 'from the gap review' : 'with /kb alternate'}).`,
      context.logger,
    );
  }
}
