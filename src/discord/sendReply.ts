import type { Reply } from '../reply/replyModel.ts';
import { respond, type RepliableInteraction } from './interactionReplies.ts';
import { renderReply } from './render/renderReply.ts';

/** Sends an engine reply as an embed; confidence is shown only for answers to free text. */
export async function sendReply(
  interaction: RepliableInteraction,
  reply: Reply,
  { ephemeral = false, showConfidence = false } = {},
): Promise<void> {
  const tableRelated = reply.related.some((ref) => ref.kind === 'table');
  const { content, embeds, components } = renderReply(reply, { showConfidence, tableRelated });
  await respond(interaction, { ...(content ? { content } : {}), embeds, components }, { ephemeral });
}
