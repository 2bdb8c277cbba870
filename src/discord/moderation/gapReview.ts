import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { GapRow } from '../../questionLog/gapReport.ts';
import { GapReports } from '../../questionLog/gapReports.ts';
import type { QuestionLog } from '../../questionLog/questionLog.ts';
import { addAlternate } from '../../store/addAlternate.ts';
import { outcomeOf } from '../../store/regressions.ts';
import { UserFacingError, type ModeratorContext } from '../commandModule.ts';
import { otherCandidates } from '../feedback/otherCandidates.ts';
import { noPings } from '../interactionReplies.ts';
import { buttonRows } from '../render/replyPayload.ts';
import { truncate } from '../render/safeText.ts';
import { renderForDiscord } from '../sendReply.ts';
import { kbIds, type GapStep } from './kbIds.ts';
import { faqModal } from './recordForms.ts';
import { postToModLog } from './modLog.ts';

/** Rows with buttons: a message holds five rows of buttons. */
const rowsWithActions = 5;
const rowsListed = 10;

export const gapOutcomeText = { no_match: 'no answer', suggestions: 'only suggestions', not_helpful: 'answer voted not helpful' } as const;

export function questionLogOf(context: ModeratorContext): QuestionLog {
  if (!context.questionLog?.enabled) throw new UserFacingError('The question log is off on this bot (QUESTION_LOG=off), so there is nothing to review.');
  return context.questionLog;
}

const reportsOfLog = new WeakMap<QuestionLog, GapReports>();

/** The reports of the bot's question log: built off the bot's thread, reused by the buttons under them. */
export function gapReportsOf(context: ModeratorContext): GapReports {
  const log = questionLogOf(context);
  let reports = reportsOfLog.get(log);
  if (!reports) reportsOfLog.set(log, (reports = new GapReports(log, { logger: context.logger })));
  return reports;
}

/** The `/kb gaps` report of the last `days` days, most asked first; of one server's questions when `guildId` is set. */
export async function gapRows(context: ModeratorContext, days: number, guildId: string | null = null): Promise<GapRow[]> {
  const rows = await gapReportsOf(context).report(days, guildId);
  if (rows === null) throw new UserFacingError('The question log cannot be read right now; the bot log says why.');
  return rows;
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
  const content = truncate([heading, ...listed.map(formatGapLine)].join('\n'), 2000);
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

async function findGap(context: ModeratorContext, days: number, gap: string): Promise<GapRow> {
  const row = await gapReportsOf(context).row(days, gap);
  if (row === null) throw new UserFacingError('The question log cannot be read right now; the bot log says why.');
  if (!row) throw new UserFacingError('That question is no longer in the gap list (dismissed, answered or past the retention period). Run /kb gaps again.');
  return row;
}

/** A gap row's button: show the records to add it to, open the new-FAQ form, or dismiss it. */
export async function pressGapButton(interaction: ButtonInteraction, action: { step: GapStep; days: number; gap: string }, context: ModeratorContext): Promise<void> {
  const log = questionLogOf(context);
  const row = await findGap(context, action.days, action.gap);
  if (action.step === 'gap-new') {
    await interaction.showModal(faqModal(kbIds.encode({ step: 'add', kind: 'faq' }), 'New FAQ record', undefined, { question: row.question }));
    return;
  }
  if (action.step === 'gap-dismiss') {
    log.dismiss(row.keys);
    await interaction.reply({ content: `🙈 Dismissed “${truncate(row.question, 150)}”: it comes back only if members ask it again.`, flags: MessageFlags.Ephemeral, allowedMentions: noPings });
    return;
  }
  // Members' own pick first, then the records the engine weighed, then the records it suggested.
  const { engine } = context.knowledge.current();
  const ids: string[] = [];
  const titles = new Map(engine.knowledge.faq.map((record) => [record.id, record.question]));
  const offer = (kind: string, id: string) => {
    if (kind === 'faq' && titles.has(id) && !ids.includes(id)) ids.push(id);
  };
  if (row.membersChose) offer(row.membersChose.kind, row.membersChose.id);
  for (const ref of otherCandidates(engine, row.question, null, 8)) offer(ref.kind, ref.id);
  for (const ref of row.candidates) offer(ref.kind, ref.id);
  const buttons = ids.slice(0, 10).map((id) => new ButtonBuilder().setCustomId(kbIds.encode({ step: 'gap-add', days: action.days, gap: row.id, id })).setLabel(truncate(`${id}: ${titles.get(id) ?? ''}`, 80)).setStyle(ButtonStyle.Primary));
  await interaction.reply({
    content: truncate(
      `Add “${row.question}” as another phrasing of which FAQ record?${buttons.length ? '' : ' The engine has no candidates for it.'}\nAny other record: \`/kb alternate\` (start typing the record to search).`,
      2000,
    ),
    components: buttonRows(buttons),
    flags: MessageFlags.Ephemeral,
    allowedMentions: noPings,
  });
}

/**
 * Adds a question as an alternate of a record (from a gap row or `/kb alternate`, as `origin`
 * says), lists it as a regression, hides its gap row, and shows the moderator what members now get for it.
 */
export async function addQuestionAsAlternate(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  context: ModeratorContext,
  recordId: string,
  question: string,
  gapKeys: readonly string[],
  origin: 'gap review' | '/kb alternate',
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  // Asked of the knowledge served after the edit (the writer reloads it before answering).
  const result = await addAlternate(context.moderation.writer, recordId, question, { id: interaction.user.id, tag: interaction.user.tag }, (asked) =>
    outcomeOf(context.knowledge.current().engine.ask(asked)),
  );
  if (!result.ok) {
    await interaction.editReply({ content: truncate(`❌ Not added: ${result.message}`, 2000), allowedMentions: noPings });
    return;
  }
  context.questionLog?.dismiss(gapKeys);
  const now = context.knowledge.current().engine.ask(question);
  const answered = result.reaches === `faq:${recordId}` && now.status === 'answered' && now.kind === 'faq' && now.id === recordId;
  const regression =
    result.regression === 'added' ? 'Added to regressions.yaml.' : result.regression === 'listed' ? 'Already in regressions.yaml.' : `Not added to regressions.yaml: ${result.regression}.`;
  const what = result.alreadyThere ? `“${question}” was already a phrasing of **faq:${recordId}**.` : `✅ Added “${question}” as a phrasing of **faq:${recordId}**.`;
  await interaction.editReply({
    content: truncate(`${what} ${regression} ${answered ? 'Members asking it now get:' : `⚠️ The question does not reach it yet (now: ${now.status}); check the record with /kb faq edit.`}`, 2000),
    ...(answered ? renderForDiscord(now, { showConfidence: false }) : { embeds: [], components: [] }),
    allowedMentions: noPings,
  });
  context.logger.info({ record: `faq:${recordId}`, regression: result.regression }, 'Added a member question as an alternate');
  if (!result.alreadyThere) {
    await postToModLog(interaction.client, context.config.modLogChannelId, truncate(`📝 ${interaction.user.tag} added “${question}” as a phrasing of **faq:${recordId}** (${origin === 'gap review' ? 'from the gap review' : 'with /kb alternate'}).`, 2000), context.logger);
  }
}

export async function pressGapAdd(interaction: ButtonInteraction, action: { days: number; gap: string; id: string }, context: ModeratorContext): Promise<void> {
  const row = await findGap(context, action.days, action.gap);
  await addQuestionAsAlternate(interaction, context, action.id, row.question, row.keys, 'gap review');
}
