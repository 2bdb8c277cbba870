import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommandOption } from 'discord.js';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandLabel, summarizeCommands, type CommandModule } from '../../src/discord/commandModule.ts';
import { renderHelp } from '../../src/discord/render/renderLists.ts';
import { expectWithinDiscordLimits } from './render/payloadLimits.ts';
import { commandModuleProblem, commandsDir, loadCommands } from '../../src/discord/loadCommands.ts';

let commands: Map<string, CommandModule>;
/** Each command module by its file in commands/, as the loader reads them. */
let commandFiles: Map<string, CommandModule>;
beforeAll(async () => {
  commands = await loadCommands(pino({ enabled: false }));
  commandFiles = new Map();
  for (const file of (await readdir(commandsDir)).filter((name) => name.endsWith('.ts'))) {
    const module = (await import(pathToFileURL(path.join(commandsDir, file)).href)) as { default: CommandModule };
    commandFiles.set(file, module.default);
  }
});

const sourceOf = (file: string) => readFileSync(path.join(commandsDir, file), 'utf8');

/** Every option of a definition, subcommands and groups walked into, with its path. */
function allOptions(options: readonly APIApplicationCommandOption[] | undefined, path: string[] = []): { path: string; option: APIApplicationCommandOption }[] {
  return (options ?? []).flatMap((option) => [
    { path: [...path, option.name].join(' '), option },
    ...('options' in option ? allOptions(option.options as readonly APIApplicationCommandOption[] | undefined, [...path, option.name]) : []),
  ]);
}

const optionsOf = (command: CommandModule) => {
  const json = command.data.toJSON();
  return allOptions('options' in json ? json.options : undefined);
};

const isMessageCommand = (command: CommandModule) => command.data.toJSON().type === ApplicationCommandType.Message;

/** A file name or command name reduced to what both spell alike: `forget-me.ts` ~ `forget-me`, `answerWithFaq.ts` ~ `Answer with FAQ`. */
const comparableName = (name: string) => name.replace(/\.(ts|js)$/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** The moderator tools (and through them the knowledge writer) reach a handler only as `context.moderation`. */
const writesKnowledge = (source: string) => /\bcontext\.moderation\b|\bwriter\b/.test(source);

describe('the command modules', () => {
  it('load, every file in commands/ (the loader only warns about one that is not a command)', async () => {
    const files = (await readdir(commandsDir)).filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(0);
    expect(commands.size).toBe(files.length);
  });

  it('are each named like their file, with the handler their kind of definition needs', () => {
    for (const [file, command] of commandFiles) {
      expect(comparableName(command.data.name), file).toBe(comparableName(file));
      const handler = isMessageCommand(command) ? command.executeOnMessage : command.execute;
      expect(handler, `${file}: ${isMessageCommand(command) ? 'executeOnMessage' : 'execute'}`).toBeTypeOf('function');
    }
  });

  it('are moderator-only when their handlers can change the knowledge', () => {
    for (const [file, command] of commandFiles) {
      if (writesKnowledge(sourceOf(file))) expect(command.moderatorOnly, file).toBe(true);
    }
    expect([...commandFiles].some(([file]) => writesKnowledge(sourceOf(file))), 'no command writes knowledge: the check reads nothing').toBe(true);
  });

  it('let only the moderator who opened a moderator tool press its buttons', () => {
    for (const command of commands.values()) {
      if (command.moderatorOnly && command.buttons) expect(command.buttons.pressableBy, command.data.name).toBe('invoker');
    }
  });

  it('name only their own top-level subcommands as read-only', () => {
    for (const command of commands.values()) {
      if (!command.moderatorOnly) continue;
      const subcommands = optionsOf(command)
        .filter(({ path, option }) => option.type === ApplicationCommandOptionType.Subcommand && !path.includes(' '))
        .map(({ path }) => path);
      for (const name of command.readOnlySubcommands ?? []) expect(subcommands, `/${command.data.name} ${name}`).toContain(name);
    }
  });

  it('handle autocomplete exactly when one of their options asks for it', () => {
    for (const command of commands.values()) {
      const autocompleted = optionsOf(command).filter(({ option }) => 'autocomplete' in option && option.autocomplete === true);
      expect(command.autocomplete !== undefined, `/${command.data.name}: ${autocompleted.map(({ path }) => path).join(', ') || 'no autocomplete option'}`).toBe(
        autocompleted.length > 0,
      );
    }
  });

  it('cap every text option, so no member can send (and have echoed) unbounded text', () => {
    for (const command of commands.values()) {
      for (const { path, option } of optionsOf(command)) {
        if (option.type !== ApplicationCommandOptionType.String) continue;
        const max = option.max_length;
        expect(max, `/${command.data.name} ${path}`).toBeDefined();
        expect(max, `/${command.data.name} ${path}`).toBeLessThanOrEqual(1000);
      }
    }
  });

  it('make members wait between runs when they read a member\'s own text with the engine', () => {
    for (const command of commands.values()) {
      if (command.moderatorOnly) continue;
      const freeText = optionsOf(command).filter(
        ({ option }) => option.type === ApplicationCommandOptionType.String && !('autocomplete' in option && option.autocomplete === true) && !('choices' in option && option.choices?.length),
      );
      if (isMessageCommand(command) || freeText.length > 0) expect(command.cooldown, command.data.name).toBeDefined();
    }
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
