import { ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { About, Source } from '../../knowledge/schema.ts';
import { commandLabel, type CommandSummary } from '../commandModule.ts';
import { aboutLine } from '../../reply/replyMessages.ts';
import { faqListIds } from './faqListIds.ts';
import { embedLimits, fitEmbed } from './fitEmbed.ts';
import { linkedCitation } from './linkedCitation.ts';
import { buttonRows, noPings, type ReplyPayload } from './replyPayload.ts';
import { joinWithin } from './safeText.ts';

export const faqPageSize = 10;
export const listColour = 0x5865f2;
export const pageButtonLabels = { previous: '◀ Previous', next: 'Next ▶' } as const;

export interface ListedQuestion {
  readonly id: string;
  readonly title: string;
}

/** How many pages the FAQ list has; an empty list still has its one (empty) page. */
export function faqPageCount(questionCount: number): number {
  return Math.max(1, Math.ceil(questionCount / faqPageSize));
}

/**
 * One page (1-based, clamped to the pages there are) of the numbered FAQ list. Prev/Next stay in
 * place but are disabled at the ends, so the buttons do not jump around while paging.
 */
export function renderFaqList(questions: readonly ListedQuestion[], page: number): ReplyPayload {
  const pageCount = faqPageCount(questions.length);
  const current = Math.min(Math.max(Math.trunc(page) || 1, 1), pageCount);
  const first = (current - 1) * faqPageSize;
  const lines = questions.slice(first, first + faqPageSize).map((question, i) => `${first + i + 1}. ${question.title}`);
  const embed = new EmbedBuilder(
    fitEmbed({
      color: listColour,
      title: 'Questions I can answer',
      description: lines.length > 0 ? `${lines.join('\n')}\n\nPick one with \`/faq question:\` and its number or its words, or just ask me in your own words.` : 'No questions yet.',
      footer: { text: `Page ${current} of ${pageCount} · ${questions.length} ${questions.length === 1 ? 'question' : 'questions'}` },
    }),
  );
  if (pageCount === 1) return { embeds: [embed], components: [], allowedMentions: noPings };
  // Disabled buttons point one step past the ends, so the two custom ids never collide.
  const previous = new ButtonBuilder()
    .setCustomId(faqListIds.encode({ page: current - 1 }))
    .setLabel(pageButtonLabels.previous)
    .setStyle(ButtonStyle.Secondary)
    .setDisabled(current === 1);
  const next = new ButtonBuilder()
    .setCustomId(faqListIds.encode({ page: current + 1 }))
    .setLabel(pageButtonLabels.next)
    .setStyle(ButtonStyle.Secondary)
    .setDisabled(current === pageCount);
  return { embeds: [embed], components: buttonRows([previous, next]), allowedMentions: noPings };
}

/** What a `/faq question:` naming a number of the list picks. */
export type ListPick = { readonly found: ListedQuestion } | { readonly outOfRange: number; readonly count: number };

// "3", "#3", "3." or "no. 3": what a member types for a number they read in the list.
const listNumber = /^\s*(?:#|no\.?\s*)?(\d{1,9})\.?\s*$/i;

/**
 * The question the FAQ list shows under the number typed (1-based, as `renderFaqList` numbers it),
 * or null when the text is no number and names a question some other way.
 */
export function pickFromFaqList(questions: readonly ListedQuestion[], typed: string): ListPick | null {
  const match = listNumber.exec(typed);
  if (!match) return null;
  const number = Number(match[1]);
  const found = questions[number - 1];
  return found ? { found } : { outOfRange: number, count: questions.length };
}

/** Every source the answers cite: linked citation, then what it is. */
export function renderSourcesList(sources: readonly Source[]): ReplyPayload {
  const entries = sources.map((source) => [`**${linkedCitation(source)}**`, ...(source.description ? [source.description] : [])].join('\n'));
  const embed = new EmbedBuilder(
    fitEmbed({
      color: listColour,
      title: 'Sources',
      description:
        entries.length > 0
          ? joinWithin(entries, embedLimits.description, (count) => `…and ${count} more`, '\n\n')
          : 'No sources are listed yet.',
      footer: { text: 'Every answer names the sources it is based on.' },
    }),
  );
  return { embeds: [embed], components: [], allowedMentions: noPings };
}

/** Where members can ask besides slash commands. */
export interface HelpPlaces {
  /** ANSWER_CHANNEL_IDS: channels where plain questions are answered unasked, when the bot is sure. */
  readonly answerChannelIds: readonly string[];
}

const helpLine = (command: CommandSummary) => `\`${commandLabel(command)}\`${command.description ? ` — ${command.description}` : ''}`;

/**
 * What the bot does and every way to ask it. The commands are the loaded command modules
 * (`summarizeCommands`), so a new command shows up here without anyone remembering to add it.
 */
export function renderHelp(about: About, commands: readonly CommandSummary[], places: HelpPlaces): ReplyPayload {
  const forMembers = commands.filter((command) => !command.moderatorOnly);
  const slash = forMembers.filter((command) => !command.onMessage);
  const onMessage = forMembers.filter((command) => command.onMessage);
  const forModerators = commands.filter((command) => command.moderatorOnly);
  const privately = slash.filter((command) => command.hasPrivateOption);
  const channels = places.answerChannelIds.map((id) => `<#${id}>`);
  const ways = [
    `Mention me with your question${about.example ? ` (e.g. \`@bot ${about.example}\`)` : ''}, or reply to one of my messages.`,
    ...(channels.length > 0 ? [`In ${joinWithin(channels, 400, (count) => `and ${count} more`, ', ')} I answer questions without a mention, when I am sure of the answer.`] : []),
    'You can also send me a direct message.',
  ];
  const fields = [
    { name: 'Ask in a channel or a DM', value: ways.join('\n') },
    ...(slash.length > 0 ? [{ name: 'Slash commands', value: slash.map(helpLine).join('\n') }] : []),
    ...(onMessage.length > 0 ? [{ name: 'On a message (right-click or long-press it)', value: onMessage.map(helpLine).join('\n') }] : []),
    ...(privately.length > 0
      ? [{ name: 'Private answers', value: `Set \`private: True\` on ${privately.map((command) => `\`${commandLabel(command)}\``).join(', ')} and only you will see the reply.` }]
      : []),
    ...(forModerators.length > 0 ? [{ name: 'Moderators', value: forModerators.map(helpLine).join('\n') }] : []),
  ];
  const embed = new EmbedBuilder(
    fitEmbed({
      color: listColour,
      title: 'How to use this bot',
      description:
        `${aboutLine(about)} ` +
        "Every answer names its sources; when I'm not sure what you mean I show a few choices instead of guessing.",
      fields,
    }),
  );
  return { embeds: [embed], components: [], allowedMentions: noPings };
}
