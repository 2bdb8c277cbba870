import { ApplicationCommandOptionType, type APIApplicationCommandOption, type APIApplicationCommandStringOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isOnMessage, moderatorRefusal, overLongOption, pressedByInvoker, refusals } from '../../src/discord/preconditions.ts';

describe('moderators only', () => {
  it('lets anyone use a command open to members', () => {
    expect(moderatorRefusal(false, { isModerator: false, hasModeratorTools: false })).toBeNull();
  });

  it('refuses a moderator-only command to a member who is not (or no longer) a moderator', () => {
    expect(moderatorRefusal(true, { isModerator: false, hasModeratorTools: true })).toBe(refusals.notModerator);
  });

  it('refuses it when the bot has no moderator tools, and allows a moderator otherwise', () => {
    expect(moderatorRefusal(true, { isModerator: true, hasModeratorTools: false })).toBe(refusals.noTools);
    expect(moderatorRefusal(true, { isModerator: true, hasModeratorTools: true })).toBeNull();
  });
});

describe('a button acts only on its own message', () => {
  const row = (...customIds: string[]) => ({ type: 1, components: customIds.map((custom_id) => ({ type: 2, style: 2, label: 'x', custom_id })) });

  it('accepts a custom id that a button on the message carries, in any row', () => {
    const components = [row('ask:show:faq:a', 'ask:table'), row('ask:none')];
    expect(isOnMessage(components, 'ask:table')).toBe(true);
    expect(isOnMessage(components, 'ask:none')).toBe(true);
  });

  it('refuses a forged press: a custom id none of the message’s components carries', () => {
    // "faq:page:2" pressed on an answer, "kb:cancel" on someone else's message.
    expect(isOnMessage([row('ask:show:faq:a', 'ask:table')], 'faq:page:2')).toBe(false);
    expect(isOnMessage([row('faq:page:0', 'faq:page:2')], 'kb:cancel')).toBe(false);
    expect(isOnMessage([], 'kb:cancel')).toBe(false);
  });

  it('finds buttons nested in containers and sections', () => {
    const container = { type: 17, components: [{ type: 9, components: [], accessory: { type: 2, custom_id: 'faq:page:3' } }] };
    expect(isOnMessage([container], 'faq:page:3')).toBe(true);
  });

  it('counts only the member who ran the command as its invoker', () => {
    expect(pressedByInvoker('111', '111')).toBe(true);
    expect(pressedByInvoker('111', '222')).toBe(false);
    expect(pressedByInvoker(undefined, '222')).toBe(false);
  });
});

describe('option lengths', () => {
  const stringOption = (name: string, max_length?: number): APIApplicationCommandStringOption => ({
    type: ApplicationCommandOptionType.String,
    name,
    description: name,
    ...(max_length === undefined ? {} : { max_length }),
  });
  const kb: APIApplicationCommandOption[] = [
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'faq',
      description: 'faq',
      options: [{ type: ApplicationCommandOptionType.Subcommand, name: 'edit', description: 'edit', options: [stringOption('id', 64)] }],
    },
  ];

  it('accepts values within the declared max_length, counting characters as Discord does', () => {
    expect(overLongOption([stringOption('question', 10)], [{ name: 'question', value: '😀'.repeat(10) }])).toBeNull();
    expect(overLongOption(kb, [{ name: 'faq', options: [{ name: 'edit', options: [{ name: 'id', value: 'a'.repeat(64) }] }] }])).toBeNull();
  });

  it('finds a value over its max_length, inside subcommand groups too', () => {
    expect(overLongOption(kb, [{ name: 'faq', options: [{ name: 'edit', options: [{ name: 'id', value: 'a'.repeat(6000) }] }] }])).toEqual({
      name: 'id',
      max: 64,
      length: 6000,
    });
  });

  it('measures an option declared without max_length against 6,000, and ignores numbers and booleans', () => {
    expect(overLongOption([stringOption('text')], [{ name: 'text', value: 'a'.repeat(6001) }])?.max).toBe(6000);
    expect(overLongOption([stringOption('text')], [{ name: 'text', value: 'a'.repeat(6000) }])).toBeNull();
    expect(overLongOption(undefined, [{ name: 'private', value: true }, { name: 'n', value: 5 }])).toBeNull();
  });
});
