import { ApplicationCommandOptionType, PermissionFlagsBits, PermissionsBitField, type APIApplicationCommandOption, type APIApplicationCommandStringOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isModerator } from '../../src/discord/moderation/isModerator.ts';
import { isOnMessage, moderatorDecision, overLongOption, pressedByInvoker, refusals, type Member } from '../../src/discord/preconditions.ts';
import { describeKnowledgeServers, knowledgeServers, standingOf } from '../../src/discord/moderation/knowledgeServers.ts';

describe('moderators only', () => {
  const guild = '222078108977594368';
  const moderator: Member = { isModerator: true, hasModeratorTools: true, server: 'knowledge server' };

  it('refuses a moderator-only command to a member who is not (or no longer) a moderator, and outside a server', () => {
    expect(moderatorDecision({ ...moderator, isModerator: false }, 'read', guild)).toEqual({ refusal: refusals.notModerator });
    expect(moderatorDecision(moderator, 'change', null)).toEqual({ refusal: refusals.notModerator });
  });

  it('refuses it when the bot has no moderator tools', () => {
    expect(moderatorDecision({ ...moderator, hasModeratorTools: false }, 'read', guild)).toEqual({ refusal: refusals.noTools });
  });

  it("lets a knowledge server's moderators change the knowledge and read every server's questions", () => {
    expect(moderatorDecision(moderator, 'change', guild)).toEqual({ scope: { kind: 'every server' } });
    expect(moderatorDecision(moderator, 'read', guild)).toEqual({ scope: { kind: 'every server' } });
  });

  it("lets another server's moderators read their own server's questions only, and change nothing", () => {
    const elsewhere: Member = { ...moderator, server: 'other server' };
    expect(moderatorDecision(elsewhere, 'read', guild)).toEqual({ scope: { kind: 'own server', guildId: guild } });
    expect(moderatorDecision(elsewhere, 'change', guild)).toEqual({ refusal: refusals.notKnowledgeServer });
  });

  it('refuses every change when there is no knowledge server, telling the operator what to set', () => {
    const nobody: Member = { ...moderator, server: 'no knowledge server' };
    expect(moderatorDecision(nobody, 'change', guild)).toEqual({ refusal: refusals.noKnowledgeServer });
    expect(refusals.noKnowledgeServer).toContain('KNOWLEDGE_GUILD_IDS');
    expect(moderatorDecision(nobody, 'read', guild)).toEqual({ scope: { kind: 'own server', guildId: guild } });
  });
});

describe('who is a moderator', () => {
  const modRole = '222078108977594368';
  /** An interaction from a server member with these permissions and roles (as the gateway or the API gives them). */
  const member = (permissions: bigint, roles: readonly string[], { cached = false, inGuild = true } = {}) =>
    ({
      inGuild: () => inGuild,
      memberPermissions: new PermissionsBitField(permissions),
      member: { roles: cached ? { cache: new Map(roles.map((id) => [id, {}])) } : roles },
    }) as unknown as Parameters<typeof isModerator>[0];

  it('is a member with Manage Server, or with one of MOD_ROLE_IDS', () => {
    expect(isModerator(member(PermissionFlagsBits.ManageGuild, []), [])).toBe(true);
    expect(isModerator(member(0n, ['1', modRole]), [modRole])).toBe(true);
    expect(isModerator(member(0n, ['1', modRole], { cached: true }), [modRole])).toBe(true);
  });

  it('is not a member with other powers, other roles, no roles, or a role id that only looks like one', () => {
    expect(isModerator(member(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers | PermissionFlagsBits.ManageRoles, []), [modRole])).toBe(false);
    expect(isModerator(member(0n, []), [modRole])).toBe(false);
    expect(isModerator(member(0n, [], { cached: true }), [modRole])).toBe(false);
    expect(isModerator(member(0n, ['1']), [modRole])).toBe(false);
    expect(isModerator(member(0n, [modRole.slice(0, -1), `${modRole}0`]), [modRole])).toBe(false);
    // MOD_ROLE_IDS empty: only Manage Server.
    expect(isModerator(member(0n, [modRole]), [])).toBe(false);
  });

  it('is nobody outside a server', () => {
    expect(isModerator(member(PermissionFlagsBits.ManageGuild, [modRole], { inGuild: false }), [modRole])).toBe(false);
  });
});

describe('knowledge servers', () => {
  const single = { mode: 'single' } as const;
  const servers = (...ids: string[]) => new Map(ids.map((id) => [id, null]));

  it('KNOWLEDGE_GUILD_IDS first, then DISCORD_GUILD_ID, then the one server the bot is in', () => {
    expect(knowledgeServers({ knowledgeGuildIds: ['1', '2'], guildId: '3', sharding: single }, servers('1', '4'))).toEqual({ ids: ['1', '2'], from: 'KNOWLEDGE_GUILD_IDS' });
    expect(knowledgeServers({ knowledgeGuildIds: [], guildId: '3', sharding: single }, servers('1', '4'))).toEqual({ ids: ['3'], from: 'DISCORD_GUILD_ID' });
    expect(knowledgeServers({ knowledgeGuildIds: [], guildId: undefined, sharding: single }, servers('4'))).toEqual({ ids: ['4'], from: 'only server' });
  });

  it('none once the bot is in a second server, or when a shard sees one server of many', () => {
    expect(knowledgeServers({ knowledgeGuildIds: [], guildId: undefined, sharding: single }, servers('4', '5'))).toEqual({ ids: [], from: 'none' });
    expect(knowledgeServers({ knowledgeGuildIds: [], guildId: undefined, sharding: { mode: 'shards', ids: [1], count: 2, underManager: true } }, servers('4'))).toEqual({ ids: [], from: 'none' });
    expect(standingOf({ ids: [], from: 'none' }, '4')).toBe('no knowledge server');
    expect(standingOf({ ids: ['4'], from: 'only server' }, '5')).toBe('other server');
    expect(standingOf({ ids: ['4'], from: 'only server' }, null)).toBe('other server');
  });

  it('warns at start when no server may change the knowledge, saying what to set', () => {
    expect(describeKnowledgeServers({ ids: [], from: 'none' })).toEqual({ level: 'warn', message: expect.stringContaining('Set KNOWLEDGE_GUILD_IDS') });
    expect(describeKnowledgeServers({ ids: ['4'], from: 'only server' })).toEqual({ level: 'info', message: expect.stringContaining('set KNOWLEDGE_GUILD_IDS before adding the bot to another server') });
    expect(describeKnowledgeServers({ ids: ['1'], from: 'KNOWLEDGE_GUILD_IDS' }).level).toBe('info');
  });

  it('counts every server KNOWLEDGE_GUILD_IDS names as a knowledge server, and no other', () => {
    const listed = knowledgeServers({ knowledgeGuildIds: ['1', '2', '3'], guildId: undefined, sharding: single }, servers('2', '9'));
    for (const id of ['1', '2', '3']) expect(standingOf(listed, id)).toBe('knowledge server');
    for (const id of ['9', '12', '', null]) expect(standingOf(listed, id)).toBe('other server');
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

  it("refuses a forged press naming another question, record or page than the message's buttons do", () => {
    // The answer to question …001 carries its own vote ids; a vote for question …002 was not pressed there.
    const answer = [row('ask:vote:abcdef000001:up', 'ask:vote:abcdef000001:down')];
    expect(isOnMessage(answer, 'ask:vote:abcdef000001:down')).toBe(true);
    expect(isOnMessage(answer, 'ask:vote:abcdef000002:down')).toBe(false);
    // Ids that merely start like one the message carries, or that one of them starts like.
    expect(isOnMessage([row('ask:none', 'faq:page:2')], 'ask:none:abcdef000001')).toBe(false);
    expect(isOnMessage([row('faq:page:2')], 'faq:page:21')).toBe(false);
    expect(isOnMessage([row('ask:show:faq:ip-license-term:abcdef000001')], 'ask:show:faq:ip-license')).toBe(false);
    expect(isOnMessage([row('kb:remove:faq:azure:0123456789abcdef')], 'kb:remove:faq:azure-2:0123456789abcdef')).toBe(false);
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
