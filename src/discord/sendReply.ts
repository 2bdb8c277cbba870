import type { Reply } from '../reply/replyModel.ts';
import { respond, type RepliableInteraction } from './send.ts';
import { renderReply } from './render/renderReply.ts';

/** Sends an engine reply as an embed; confidence is shown only for answers to free text. */
export async function sendReply(
  interaction: RepliableInteraction,
  reply: Reply,
  { ephemeral = false, showConfidence = false } = {},
): Promise<void> {
  await respond(interaction, renderForDiscord(reply, { showConfidence }), { ephemeral });
}

/** The message for a reply, in the shape both interactions and channel replies take. */
export function renderForDiscord(reply: Reply, { showConfidence }: { showConfidence: boolean }) {
  const tableRowCount = reply.status === 'answered' ? reply.table?.totalRows : undefined;
  const { content, embeds, components } = renderReply(reply, { showConfidence, ...(tableRowCount ? { tableRowCount } : {}) });
  return { ...(content ? { content } : {}), embeds, components };
}
