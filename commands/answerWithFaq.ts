import {
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ContextMenuCommandBuilder,
  InteractionContextType,
  MessageFlags,
} from 'discord.js';
import { UserFacingError, type BotContext, type CommandModule } from '../src/discord/commandModule.ts';
import { answerIds } from '../src/discord/render/answerIds.ts';
import { otherCandidates } from '../src/discord/feedback/otherCandidates.ts';
import { noPings } from '../src/discord/interactionReplies.ts';
import { buttonRows } from '../src/discord/render/replyPayload.ts';
import { truncate } from '../src/discord/render/safeText.ts';
import type { RecordRef } from '../src/reply/replyModel.ts';

/** How many records a helper is offered for one message. */
const picksOffered = 5;

/** The engine's best records for a member's message: its answer (or suggestions) first, then what else it weighed. */
function recordsFor(context: BotContext, question: string): RecordRef[] {
  const { engine } = context.knowledge.current();
  const reply = engine.ask(question);
  const first: RecordRef[] = reply.status === 'answered' && reply.kind && reply.id ? [{ kind: reply.kind, id: reply.id, title: reply.title }] : [...reply.suggestions];
  const seen = new Set<string>();
  return [...first, ...otherCandidates(engine, question, null, picksOffered)].filter((ref) => {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, picksOffered);
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
    const records = recordsFor(context, question);
    if (records.length === 0) throw new UserFacingError('The FAQ has nothing close to that message. Moderators can see it in /kb gaps once members ask it.');
    const buttons = records.map((ref) =>
      new ButtonBuilder()
        .setCustomId(answerIds.encode({ action: 'pick', message: target.id, kind: ref.kind, id: ref.id }))
        .setLabel(truncate(ref.title, 80))
        .setStyle(ButtonStyle.Secondary),
    );
    await interaction.reply({
      content: truncate(`Answer “${question.replace(/\s+/g, ' ')}” with which record? It is posted as a reply to the message, with your name in the footer.`, 2000),
      components: buttonRows(buttons),
      flags: MessageFlags.Ephemeral,
      allowedMentions: noPings,
    });
  },
} satisfies CommandModule;
