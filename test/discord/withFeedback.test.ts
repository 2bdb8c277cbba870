import { ButtonBuilder, ButtonStyle, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { withFeedback } from '../../src/discord/feedback/withFeedback.ts';
import { answerIds } from '../../src/discord/render/answerIds.ts';
import { buttonRows } from '../../src/discord/render/replyPayload.ts';
import { renderForDiscord } from '../../src/discord/sendReply.ts';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.ts';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';
import { createAnswerEngine } from '../../src/answer/answerEngine.ts';
import { answered } from '../support/replies.ts';

const loaded = await loadKnowledge(bundledKnowledgeDir);
if (!loaded.ok) throw new Error('the bundled knowledge is invalid');
const engine = createAnswerEngine(loaded.knowledge);

function customIds(components: readonly unknown[]): string[] {
  return components.flatMap((row) => {
    const json = (typeof (row as { toJSON?: unknown }).toJSON === 'function' ? (row as { toJSON: () => unknown }).toJSON() : row) as APIActionRowComponent<APIButtonComponentWithCustomId>;
    return json.components.map((button) => button.custom_id);
  });
}

describe('withFeedback', () => {
  it('adds Helpful / Not helpful naming the question under an answer', () => {
    const reply = answered(engine.ask('can openai use aws?'));
    const ids = customIds(withFeedback(renderForDiscord(reply, { showConfidence: true }), reply, 'abcdef000001').components);
    // "Not helpful" names the record answered, so the records it offers next leave that one out.
    expect(ids.slice(-2)).toEqual(['ask:vote:abcdef000001:up', `ask:vote:abcdef000001:down:faq:${reply.id}`]);
    expect(ids.slice(-2).map((id) => answerIds.decode(id))).toEqual([
      { action: 'vote', question: 'abcdef000001', helpful: true },
      { action: 'vote', question: 'abcdef000001', helpful: false, answered: { kind: 'faq', id: reply.id } },
    ]);
  });

  it('makes suggestions and "None of these" name the question, and adds no vote to a "did you mean"', () => {
    const reply = engine.ask('revenue share');
    expect(reply.status).toBe('suggestions');
    const ids = customIds(withFeedback(renderForDiscord(reply, { showConfidence: true }), reply, 'abcdef000002').components);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) expect(id).toMatch(/^ask:(show:(faq|term|table):[a-z0-9-]+|none):abcdef000002$/);
    // The same ids the codec writes, and reads back with the question.
    for (const id of ids) expect(answerIds.decode(id)).toMatchObject({ question: 'abcdef000002' });
  });

  it('adds no vote to a reply that is no answer: nothing found, or only chat', () => {
    const unanswered = engine.ask('what is the meaning of life?');
    expect(unanswered.status).toBe('no_match');
    const rendered = renderForDiscord(unanswered, { showConfidence: true });
    expect(customIds(withFeedback(rendered, unanswered, 'abcdef000003').components)).toEqual(customIds(rendered.components));
    // "thanks!" gets a friendly line, never buttons.
    expect(withFeedback({ components: [] }, { status: 'chat' }, 'abcdef000004').components).toEqual([]);
  });

  it('adds the vote row to an answer with four rows of buttons, not to one with five (a message holds five)', () => {
    const rowsOf = (count: number) =>
      buttonRows(Array.from({ length: count * 5 }, (_, i) => new ButtonBuilder().setCustomId(answerIds.encode({ action: 'show', kind: 'faq', id: `record-${i}` })).setLabel(`${i}`).setStyle(ButtonStyle.Secondary)));
    const answer = { status: 'answered', act: null, kind: 'faq', id: 'any-cloud-provider' } as const;
    const four = customIds(withFeedback({ components: rowsOf(4) }, answer, 'abcdef000005').components);
    expect(four).toHaveLength(22);
    expect(four.slice(-2)).toEqual(['ask:vote:abcdef000005:up', 'ask:vote:abcdef000005:down:faq:any-cloud-provider']);
    const five = withFeedback({ components: rowsOf(5) }, answer, 'abcdef000005').components;
    expect(five).toHaveLength(5);
    expect(customIds(five).some((id) => id.startsWith('ask:vote:'))).toBe(false);
  });

  it('leaves a reply as it was without a logged question', () => {
    const reply = engine.ask('can openai use aws?');
    const rendered = renderForDiscord(reply, { showConfidence: true });
    expect(customIds(withFeedback(rendered, reply, null).components)).toEqual(customIds(rendered.components));
  });
});
