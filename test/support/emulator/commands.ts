import type { APIApplicationCommand } from 'discord.js';
import { Errors, FormErrors, invalidFormBody } from './errors.ts';
import { asArray, asNumber, asString, clone, isObject, type JsonObject } from './json.ts';
import { checkCommand } from './limits.ts';
import type { SnowflakeGenerator } from './snowflake.ts';

/** Discord's caps per scope: 100 chat-input commands, 15 user and 15 message context-menu commands. */
const MAX_PER_TYPE: Record<number, number> = { 1: 100, 2: 15, 3: 15 };

/** Global and per-guild command registrations, keyed by scope ('global' or a guild id). */
export class CommandRegistry {
  readonly #scopes = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly applicationId: string,
    private readonly ids: SnowflakeGenerator,
  ) {}

  list(guildId?: string): APIApplicationCommand[] {
    return clone(this.#scopes.get(guildId ?? 'global') ?? []);
  }

  get(commandId: string, guildId?: string): APIApplicationCommand | undefined {
    return this.#scopes.get(guildId ?? 'global')?.find((c) => c.id === commandId);
  }

  /** What Discord would dispatch for `/name` in a guild: a guild command shadows a global one of the same name. */
  findByName(name: string, guildId: string | null, type = 1): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand): boolean => c.name === name && c.type === type;
    return (guildId ? this.#scopes.get(guildId)?.find(match) : undefined) ?? this.#scopes.get('global')?.find(match);
  }

  /** PUT semantics: replace the whole scope, keeping ids of commands whose name and type are unchanged. */
  overwrite(body: unknown, guildId?: string): APIApplicationCommand[] {
    const errors = new FormErrors();
    const list = asArray(body);
    if (!list) {
      errors.add([], 'BASE_TYPE_LIST', 'Must be a list.');
      throw invalidFormBody(errors);
    }
    list.forEach((raw, i) => checkCommand(errors, [i], raw));
    const seen = new Set<string>();
    const perType = new Map<number, number>();
    list.forEach((raw, i) => {
      if (!isObject(raw)) return;
      const type = asNumber(raw['type']) ?? 1;
      const key = `${type}:${asString(raw['name']) ?? ''}`;
      if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      seen.add(key);
      perType.set(type, (perType.get(type) ?? 0) + 1);
    });
    for (const [type, count] of perType) {
      const max = MAX_PER_TYPE[type];
      if (max !== undefined && count > max) errors.maxLength([], max);
    }
    errors.throwIfAny();
    const scope = guildId ?? 'global';
    const previous = this.#scopes.get(scope) ?? [];
    const next = list.filter(isObject).map((raw) => {
      const type = asNumber(raw['type']) ?? 1;
      const existing = previous.find((c) => c.name === raw['name'] && c.type === type);
      return this.#build(raw, existing?.id, guildId);
    });
    this.#scopes.set(scope, next);
    return clone(next);
  }

  /** POST semantics: upsert one command by name and type. */
  upsert(body: unknown, guildId?: string): { command: APIApplicationCommand; created: boolean } {
    const errors = new FormErrors();
    checkCommand(errors, [], body);
    errors.throwIfAny();
    const raw = body as JsonObject;
    const scope = guildId ?? 'global';
    const list = this.#scopes.get(scope) ?? [];
    const type = asNumber(raw['type']) ?? 1;
    const index = list.findIndex((c) => c.name === raw['name'] && c.type === type);
    const command = this.#build(raw, index >= 0 ? list[index]?.id : undefined, guildId);
    if (index >= 0) list[index] = command;
    else list.push(command);
    this.#scopes.set(scope, list);
    return { command: clone(command), created: index < 0 };
  }

  delete(commandId: string, guildId?: string): void {
    const scope = guildId ?? 'global';
    const list = this.#scopes.get(scope) ?? [];
    const index = list.findIndex((c) => c.id === commandId);
    if (index < 0) throw Errors.unknownCommand();
    list.splice(index, 1);
  }

  #build(raw: JsonObject, id: string | undefined, guildId: string | undefined): APIApplicationCommand {
    const type = asNumber(raw['type']) ?? 1;
    const permissions = raw['default_member_permissions'];
    return {
      ...(clone(raw) as Partial<APIApplicationCommand>),
      id: id ?? this.ids.next(),
      application_id: this.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      type: type as APIApplicationCommand['type'],
      name: asString(raw['name']) ?? '',
      description: asString(raw['description']) ?? '',
      default_member_permissions: typeof permissions === 'string' ? permissions : null,
      nsfw: raw['nsfw'] === true,
      // Discord fills these in when a registration omits them.
      integration_types: Array.isArray(raw['integration_types']) ? raw['integration_types'] : [0],
      contexts: Array.isArray(raw['contexts']) ? raw['contexts'] : null,
      version: this.ids.next(),
    } as APIApplicationCommand;
  }
}
