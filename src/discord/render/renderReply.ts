import { ButtonBuilder, ButtonStyle, EmbedBuilder, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { AnsweredReply, RecordKind, RecordRef, Reply, SuggestionsReply, TableView } from '../../reply/replyModel.ts';
import { matchLabel, replyMessages, suggestionsIntroOf } from '../../reply/replyMessages.ts';
import { answerIds } from './answerIds.ts';
import { embedLimits, fitEmbed } from './fitEmbed.ts';
import { linkedCitation } from './linkedCitation.ts';
import { buttonRows, buttonsPerMessage, noPings, type ReplyPayload } from './replyPayload.ts';
import { joinWithin, truncate } from './safeText.ts';
import { tableCodeBlock, tableRowFields } from './tableParts.ts';

export interface RenderReplyOptions {
  /** Show how closely the answer matched ("match: strong"): useful under answers to free text, noise under direct lookups. */
  readonly showConfidence?: boolean;
  /** The answered record is about something the comparison table shows: offer a button for it. */
  readonly tableRelated?: boolean;
  /** Rows in the whole table, so a partial table can say "1 of 4 rows". */
  readonly tableRowCount?: number;
}

export const kindColours: Readonly<Record<RecordKind, number>> = { faq: 0x5865f2, term: 0x57f287, table: 0xfee75c };
export const kindLabels: Readonly<Record<RecordKind, string>> = { faq: 'FAQ', term: 'Glossary term', table: 'Comparison table' };
export const fieldNames = { quote: 'Quote', sources: replyMessages.sources, editorsNote: replyMessages.editorsNote } as const;
export const buttonLabels = { showTable: 'Show comparison table', noneOfThese: 'None of these' } as const;
export const buttonLabelMaxLength = 80;
export const maxRelatedButtons = 3;

/** The reply as a Discord message: the same words as the terminal, laid out as embed and buttons. */
export function renderReply(reply: Reply, options: RenderReplyOptions = {}): ReplyPayload {
  switch (reply.status) {
    case 'chat':
      return { content: replyMessages.dialogue[reply.act], embeds: [], components: [], allowedMentions: noPings };
    case 'no_match':
      return { content: reply.body, embeds: [], components: [], allowedMentions: noPings };
    case 'suggestions':
      return renderSuggestions(reply);
    case 'answered':
      return withFurtherAnswers(renderAnswer(reply, options), reply.also, options);
  }
}

/**
 * A message that asked two questions gets one embed per answer, as far as Discord's 6,000
 * characters across a message's embeds allow; the buttons stay those of the first answer.
 */
function withFurtherAnswers(payload: ReplyPayload, also: readonly AnsweredReply[], options: RenderReplyOptions): ReplyPayload {
  const embeds = [...payload.embeds];
  let used = embeds.reduce((sum, embed) => sum + embedLength(embed.toJSON()), 0);
  for (const further of also) {
    const [embed] = renderAnswer(further, options).embeds;
    if (!embed || embeds.length >= 10) break;
    const length = embedLength(embed.toJSON());
    if (used + length > embedLimits.total) break;
    used += length;
    embeds.push(embed);
  }
  return { ...payload, embeds };
}

function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fieldsLength(embed.fields ?? []);
}

function renderSuggestions(reply: SuggestionsReply): ReplyPayload {
  // One button is kept for "None of these".
  const choices = uniqueRefs(reply.suggestions).slice(0, buttonsPerMessage - 1).map((ref) => refButton(ref, ButtonStyle.Primary));
  const none = new ButtonBuilder().setCustomId(answerIds.encode({ action: 'none' })).setLabel(buttonLabels.noneOfThese).setStyle(ButtonStyle.Secondary);
  return { content: suggestionsIntroOf(reply), embeds: [], components: buttonRows([...choices, none]), allowedMentions: noPings };
}

function renderAnswer(reply: AnsweredReply, options: RenderReplyOptions): ReplyPayload {
  const { kind } = reply;
  const title = truncate(reply.title, embedLimits.title);
  const footer = footerText(reply, kind, options);
  const sources = sourcesField(reply);
  const body: Pick<APIEmbed, 'description' | 'fields'> = reply.table
    ? tableBody(reply.table, sources, embedLimits.total - title.length - footer.length)
    : {
        ...(reply.body ? { description: reply.body } : {}),
        // The editors' note comes after the sources, so the citation is not read as covering it.
        fields: [
          ...(reply.quote ? [{ name: fieldNames.quote, value: blockquote(reply.quote) }] : []),
          ...sources,
          ...(reply.editorsNote ? [{ name: fieldNames.editorsNote, value: truncate(reply.editorsNote, embedLimits.fieldValue) }] : []),
        ],
      };
  const embed: APIEmbed = { color: kindColours[kind], title, ...body, footer: { text: footer } };

  const related = uniqueRefs(reply.related.filter((ref) => ref.kind !== 'table')).slice(0, maxRelatedButtons);
  const offerTable = options.tableRelated === true || reply.related.some((ref) => ref.kind === 'table') || reply.table?.partial === true;
  const buttons = related.map((ref) => refButton(ref, ButtonStyle.Secondary));
  if (offerTable) {
    buttons.push(new ButtonBuilder().setCustomId(answerIds.encode({ action: 'table' })).setLabel(buttonLabels.showTable).setStyle(ButtonStyle.Secondary));
  }
  return {
    embeds: [new EmbedBuilder(fitEmbed(embed, [fieldNames.quote]))],
    components: buttonRows(buttons),
    allowedMentions: noPings,
  };
}

/**
 * A code block where it reads well on every screen, otherwise one field per row. Rows are whole
 * facts, so when they cannot all fit (in `room` characters or 25 fields) the last ones are left
 * out and the description says so, rather than cutting the sources or a row in half.
 */
function tableBody(table: TableView, sources: APIEmbedField[], room: number): Pick<APIEmbed, 'description' | 'fields'> {
  const block = tableCodeBlock(table);
  if (block) return { description: block, fields: sources };
  const rowFields = tableRowFields(table).map(({ name, value }) => ({
    name: truncate(name, embedLimits.fieldName),
    value: truncate(value, embedLimits.fieldValue),
  }));
  const note = (shown: number) => `Showing ${shown} of ${rowFields.length} rows.`;
  let budget = room - fieldsLength(sources) - note(rowFields.length).length;
  const shown: APIEmbedField[] = [];
  for (const field of rowFields.slice(0, embedLimits.fields - sources.length)) {
    budget -= field.name.length + field.value.length;
    if (budget < 0) break;
    shown.push(field);
  }
  if (shown.length === rowFields.length) return { fields: [...shown, ...sources] };
  return { description: note(shown.length), fields: [...shown, ...sources] };
}

function fieldsLength(fields: readonly APIEmbedField[]): number {
  return fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
}

function sourcesField(reply: AnsweredReply): APIEmbedField[] {
  if (reply.sources.length === 0) return [];
  const lines = reply.sources.map((source) => `- ${linkedCitation(source)}`);
  return [{ name: fieldNames.sources, value: joinWithin(lines, embedLimits.fieldValue, (count) => `…and ${count} more (see /sources)`) }];
}

function footerText(reply: AnsweredReply, kind: RecordKind, options: RenderReplyOptions): string {
  const parts: string[] = [kindLabels[kind]];
  if (reply.table?.partial) {
    const shown = reply.table.rows.length;
    parts.push(options.tableRowCount ? `${shown} of ${options.tableRowCount} rows` : `${shown} ${shown === 1 ? 'row' : 'rows'} shown`);
  }
  if (options.showConfidence) parts.push(matchLabel(reply.confidence));
  return parts.join(' · ');
}

function blockquote(quote: string): string {
  return quote
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function refButton(ref: RecordRef, style: ButtonStyle.Primary | ButtonStyle.Secondary): ButtonBuilder {
  return new ButtonBuilder()
    .setCustomId(answerIds.encode({ action: 'show', kind: ref.kind, id: ref.id }))
    .setLabel(truncate(ref.title, buttonLabelMaxLength) || ref.id)
    .setStyle(style);
}

/** Discord refuses two buttons with one custom id in a message. */
function uniqueRefs(refs: readonly RecordRef[]): RecordRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
