import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandLabel, summarizeCommands, type CommandModule } from '../../src/discord/commandModule.ts';
import { renderHelp } from '../../src/discord/render/renderLists.ts';
import { expectWithinDiscordLimits } from './render/payloadLimits.ts';
import { commandModuleProblem, loadCommands } from '../../src/discord/loadCommands.ts';

let commands: Map<string, CommandModule>;
beforeAll(async () => {
  commands = await loadCommands(pino({ enabled: false }));
});

function stringOptions(options: readonly APIApplicationCommandOption[] | undefined, path: string[] = []): { path: string; option: APIApplicationCommandOption }[] {
  return (options ?? []).flatMap((option) =>
    option.type === ApplicationCommandOptionType.String
      ? [{ path: [...path, option.name].join(' '), option }]
      : 'options' in option
        ? stringOptions(option.options as readonly APIApplicationCommandOption[] | undefined, [...path, option.name])
        : [],
  );
}

describe('the command modules', () => {
  it('are all loaded', () => {
    expect([...commands.keys()].sort()).toEqual(['Answer with FAQ', 'ask', 'compare', 'faq', 'forget-me', 'help', 'kb', 'privacy', 'sources', 'term']);
  });

  it('cap every text option, so no member can send (and have echoed) unbounded text', () => {
    for (const command of commands.values()) {
      const json = command.data.toJSON();
      for (const { path, option } of stringOptions('options' in json ? json.options : undefined)) {
        const max = option.type === ApplicationCommandOptionType.String ? option.max_length : undefined;
        expect(max, `/${command.data.name} ${path}`).toBeDefined();
        expect(max, `/${command.data.name} ${path}`).toBeLessThanOrEqual(1000);
      }
    }
    const kbJson = commands.get('kb')?.data.toJSON();
    const kb = kbJson && 'options' in kbJson ? kbJson.options : undefined;
    expect(stringOptions(kb).map(({ path, option }) => [path, option.type === ApplicationCommandOptionType.String && option.max_length])).toEqual([
      ['faq edit id', 64],
      ['faq remove id', 64],
      ['term edit id', 64],
      ['term remove id', 64],
      ['alternate record', 64],
      ['alternate question', 100],
    ]);
  });

  it('declare who may use them and their cooldown on the definition', () => {
    const declared = [...commands.values()].map((command) => [command.data.name, command.moderatorOnly === true, command.cooldown ?? null]);
    expect(declared.sort()).toEqual([
      ['Answer with FAQ', false, { seconds: 3 }],
      ['ask', false, { seconds: 'configured' }],
      ['compare', false, null],
      ['faq', false, null],
      ['forget-me', false, { seconds: 10 }],
      ['help', false, null],
      ['kb', true, null],
      ['privacy', false, null],
      ['sources', false, null],
      ['term', false, null],
    ]);
  });

  it('are each named in /help, as members reach them, with what they do', () => {
    const summaries = summarizeCommands(commands.values());
    const help = JSON.stringify(expectWithinDiscordLimits(renderHelp({ topic: null, example: 'When do late fees end?' }, summaries, { answerChannelIds: [] })).embeds);
    expect(summaries.map((summary) => summary.name).sort()).toEqual([...commands.keys()].sort());
    for (const summary of summaries) {
      expect(summary.description, summary.name).not.toBe('');
      expect(help, summary.name).toContain(`\`${commandLabel(summary)}\` — ${summary.description}`);
    }
    expect(help).toContain('`Apps → Answer with FAQ`');
  });

  it('are named as members reach them: a slash, or Apps → for a command on a message', () => {
    expect(commandLabel({ name: 'ask', onMessage: false })).toBe('/ask');
    expect(commandLabel({ name: 'Answer with FAQ', onMessage: true })).toBe('Apps → Answer with FAQ');
    const labels = summarizeCommands(commands.values()).map(commandLabel);
    expect(labels).toContain('Apps → Answer with FAQ');
    expect(labels.filter((label) => label.startsWith('/') && label.includes(' '))).toEqual([]);
  });

  it('own their buttons and forms through their own custom ids', () => {
    expect(commands.get('ask')?.buttons?.parse('ask:table')).toBeTypeOf('function');
    expect(commands.get('faq')?.buttons?.parse('faq:page:2')).toBeTypeOf('function');
    expect(commands.get('kb')?.buttons?.parse('kb:cancel')).toBeTypeOf('function');
    expect(commands.get('kb')?.forms?.parse('kb:add:faq')).toBeTypeOf('function');
    expect(commands.get('ask')?.buttons?.parse('faq:page:2')).toBeNull();
    expect(commands.get('kb')?.buttons?.pressableBy).toBe('invoker');
    for (const command of commands.values()) {
      for (const handler of [command.buttons, command.forms]) if (handler) expect(handler.command).toBe(command.data.name);
    }
  });
});

describe('the loader', () => {
  const data = (name: string) => ({ name, toJSON: () => ({ name, description: name }) });
  const execute = async () => undefined;
  const ids = (command: string) => ({ command, pressableBy: 'anyone', parse: () => null });

  it('accepts a command module', () => {
    expect(commandModuleProblem({ data: data('x'), execute })).toBeNull();
    expect(commandModuleProblem({ data: data('x'), execute, buttons: ids('x'), forms: ids('x') })).toBeNull();
  });

  it('skips what is not one, saying why', () => {
    expect(commandModuleProblem(undefined)).toMatch(/export default/);
    expect(commandModuleProblem({ data: data('x') })).toMatch(/`data` \(the definition\) and `execute`/);
    expect(commandModuleProblem({ data: data('x'), execute, buttons: {} })).toMatch(/handledBy/);
  });

  it('skips a module whose custom ids would come back to another command', () => {
    expect(commandModuleProblem({ data: data('faq'), execute, buttons: ids('ask') })).toMatch(/custom ids of \/ask, not \/faq/);
  });
});
