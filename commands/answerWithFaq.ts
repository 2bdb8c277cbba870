import {
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ContextMenuCommandBuilder,
  InteractionContextType,
} from 'discord.js';
import { UserFacingError, type CommandModule } from '../src/discord/commandModule.ts';
import { looksLikeQuestion } from '../src/discord/looksLikeQuestion.ts';
import { answerIds } from '../src/discord/render/answerIds.ts';
import { otherCandidates } from '../src/discord/feedback/otherCandidates.ts';
import { respond } from '../src/discord/send.ts';
import { buttonRows } from '../src/discord/render/replyPayload.ts';
import { truncate } from '../src/discord/render/safeText.ts';
import type { RecordRef } from '../src/reply/replyModel.ts';
import type { AnswerEngine } from '../src/answer/answerEngine.ts';

/** How many records a helper is offered for one message. */
const picksOffered = 5;

/** What Answer with FAQ offers for a member's message. */
export type HelperChoices =
  /** The engine's answer or suggestions first, then what else it weighed; `close`: it found nothing that matches well. */
  | { readonly kind: 'records'; readonly records: readonly RecordRef[]; readonly close: boolean }
  /** Chat ("lol", "thanks!") or a remark that asks nothing ("lol nice weather today"): no record is offered. */
  | { readonly kind: 'nothing' };

/**
 * The records to offer a helper for a member's message. Records the engine found no match among are
 * offered only for a question (it may be one the FAQ answers in other words: of the question sets'
 * answerable questions it found nothing for, 13 of 14 read as questions); for chat and remarks they
 * would be unrelated, so nothing is offered (38 of the 104 off-topic messages it found nothing for).
 */
export function helperChoices(engine: AnswerEngine, question: string): HelperChoices {
  const reply = engine.ask(question);
  if (reply.status === 'chat') return { kind: 'nothing' };
  const found = reply.status !== 'no_match';
  if (!found && !looksLikeQuestion(question)) return { kind: 'nothing' };
  const first: RecordRef[] =
    reply.status === 'answered' ? [{ kind: reply.kind, id: reply.id, title: reply.title }] : reply.status === 'suggestions' ? [...reply.suggestions] : [];
  const seen = new Set<string>();
  const records = [...first, ...otherCandidates(engine, question, null, picksOffered)]
    .filter((ref) => {
      const key = `${ref.kind}:${ref.id}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, picksOffered);
  return records.length > 0 ? { kind: 'records', records, close: !found } : { kind: 'nothing' };
}

// Anyone may use it by default; server owners restrict it in Server Settings → Integrations.
export default {
  data: new ContextMenuCommandBuilder().setName('Answer with FAQ').setType(ApplicationCommandType.Message).setContexts(InteractionContextType.Guild),
  cooldown: { seconds: 3 },
  helpText: "Answer a member's question with a FAQ record you pick, posted as a reply to it",
  // The record buttons it shows are /ask's (`ask:pick:…`): a custom id names a command, and this one's name has spaces.

  async executeOnMessage(interaction, context) {
    const target = interaction.targetMessage;
    if (target.author.id === interaction.client.user.id) throw new UserFacingError('That is the bot’s own message; pick a member’s question.');
    const question = target.content.trim();
    if (!question) throw new UserFacingError('That message has no text the bot can read (the Message Content intent may be off, or it is only an attachment).');
    const choices = helperChoices(context.knowledge.current().engine, question);
    if (choices.kind === 'nothing') throw new UserFacingError('Nothing in the FAQ matches that message.');
    const buttons = choices.records.map((ref) =>
      new ButtonBuilder()
        .setCustomId(answerIds.encode({ action: 'pick', message: target.id, kind: ref.kind, id: ref.id }))
        .setLabel(truncate(ref.title, 80))
        .setStyle(ButtonStyle.Secondary),
    );
    await respond(
      interaction,
      {
        content:
          `${choices.close ? 'Nothing in the FAQ matches that message well; these are the closest records. ' : ''}` +
          `Answer “${question.replace(/\s+/g, ' ')}” with which record? It is posted as a reply to the message, with your name in the footer.`,
        components: buttonRows(buttons),
      },
      { ephemeral: true },
    );
  },
} satisfies CommandModule;
