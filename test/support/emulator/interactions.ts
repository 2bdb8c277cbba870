import type { APIApplicationCommandOptionChoice, APIUser } from 'discord.js';
import { ApiError, Errors, FormErrors, invalidFormBody } from './errors.ts';
import { asObject, clone, isObject, type JsonObject } from './json.ts';
import { checkChoices, checkMessageFields, checkModal } from './limits.ts';
import { applyEdit, composeMessage, isEphemeral, isLoading, type FilePart } from './messages.ts';
import type { Notifier } from './notifier.ts';
import type { Store } from './store.ts';
import type { EmulatorMessage, MessageWrite } from './types.ts';

/** Interaction types (Discord's numbering). */
export const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;

/** Callback types: 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

const CALLBACK_NAMES: Record<number, string> = {
  4: 'CHANNEL_MESSAGE_WITH_SOURCE',
  5: 'DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE',
  6: 'DEFERRED_UPDATE_MESSAGE',
  7: 'UPDATE_MESSAGE',
  8: 'APPLICATION_COMMAND_AUTOCOMPLETE_RESULT',
  9: 'MODAL',
};

export interface InteractionCallbackBody {
  type: number;
  data?: JsonObject;
}

export interface InteractionEdit {
  messageId: string;
  /** True for edits of @original (or of the component's message after a type 6/7 response). */
  original: boolean;
  body: JsonObject;
  at: number;
}

export interface RejectedAttempt {
  at: number;
  method: string;
  route: string;
  status: number;
  error: JsonObject;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  /** Human label for errors, e.g. "/ask" or "button faq:helpful". */
  label: string;
  payload: JsonObject;
  userId: string;
  channelId: string;
  dispatchedAt: number;
  ackAt: number | null;
  response: InteractionCallbackBody | null;
  /** What @original points at: the response message, or the component's message for type 6/7. */
  originalMessageId: string | null;
  /** The message a component sits on (component interactions and modals opened from one). */
  sourceMessageId: string | null;
  followUpIds: string[];
  edits: InteractionEdit[];
  rejected: RejectedAttempt[];
}

export interface MessageEvents {
  created(message: EmulatorMessage): void;
  updated(message: EmulatorMessage): void;
  deleted(message: EmulatorMessage): void;
}

export interface InteractionDeps {
  store: Store;
  notifier: Notifier;
  events: MessageEvents;
  applicationId: string;
  timeoutMs: number;
  tokenLifetimeMs: number;
  recordWrite(write: Omit<MessageWrite, 'accepted'>): MessageWrite;
  describeRecent(since: number): string;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export interface WebhookCall {
  appId: string;
  token: string;
  route: string;
  requestSeq: number;
}

/** Tracks dispatched interactions and implements the callback and interaction-webhook endpoints with Discord's rules. */
export class InteractionService {
  readonly records = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();

  constructor(private readonly deps: InteractionDeps) {}

  register(record: InteractionRecord): void {
    this.records.set(record.id, record);
    this.#byToken.set(record.token, record);
  }

  /** Resolves once the bot's first callback is accepted; rejects on a rejected callback or on Discord's deadline. */
  waitForAck(record: InteractionRecord): Promise<InteractionResult> {
    const result = new InteractionResult(record, this.deps);
    const grace = 200;
    return this.deps.notifier.wait(
      () => {
        if (record.response) return result;
        const failure = record.rejected[0];
        if (failure) {
          throw new Error(
            `The bot's response to ${record.label} was rejected: ${failure.method} ${failure.route} → ${failure.status} ${JSON.stringify(failure.error)}`,
          );
        }
        return undefined;
      },
      this.deps.timeoutMs + grace,
      () =>
        `the bot did not respond to ${record.label} within ${this.deps.timeoutMs}ms (Discord would show "The application did not respond").\n` +
        this.deps.describeRecent(record.dispatchedAt),
    );
  }

  callback(id: string, token: string, body: unknown, files: FilePart[], withResponse: boolean, route: string, requestSeq: number): HandlerResult {
    const record = this.records.get(id);
    if (!record || record.token !== token) throw Errors.unknownInteraction();
    try {
      return this.#callback(record, body, files, withResponse, route, requestSeq);
    } catch (error) {
      this.#reject(record, 'POST', route, error);
      throw error;
    }
  }

  #callback(record: InteractionRecord, rawBody: unknown, files: FilePart[], withResponse: boolean, route: string, requestSeq: number): HandlerResult {
    const now = Date.now();
    if (record.ackAt !== null) throw Errors.alreadyAcknowledged();
    if (now - record.dispatchedAt > this.deps.timeoutMs) throw Errors.unknownInteraction();
    const body = asObject(rawBody) ?? {};
    const type = body['type'];
    const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
    const fromMessage = record.sourceMessageId !== null;
    if (typeof type !== 'number' || !allowed.includes(type) || ((type === 6 || type === 7) && !fromMessage)) {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Callback type ${String(type)} is not valid for interaction type ${record.type}.`);
      throw invalidFormBody(errors);
    }
    const data = asObject(body['data']) ?? {};
    const errors = new FormErrors();
    const { store, events } = this.deps;
    let message: EmulatorMessage | undefined;
    if (type === 4 || type === 7) {
      const write = this.deps.recordWrite({
        requestSeq,
        kind: 'interaction.callback',
        route,
        payload: clone(data),
        allowedMentionsPresent: 'allowed_mentions' in data,
        allowedMentions: data['allowed_mentions'],
      });
      checkMessageFields(errors, ['data'], data);
      errors.throwIfAny();
      if (type === 4) {
        message = this.#compose(record, data, files, 0);
        record.originalMessageId = message.id;
        if (!isEphemeral(message)) events.created(message);
      } else {
        const source = store.messages.get(record.sourceMessageId ?? '');
        if (!source) throw Errors.unknownMessage();
        message = applyEdit(store, source, data, { viaApi: true, channel: this.#channel(source.channel_id), files });
        store.addMessage(message);
        record.originalMessageId = message.id;
        record.edits.push({ messageId: message.id, original: true, body: clone(data), at: now });
        if (!isEphemeral(message)) events.updated(message);
      }
      write.accepted = true;
      write.messageId = message.id;
    } else if (type === 5) {
      const flags = (typeof data['flags'] === 'number' ? data['flags'] : 0) & (1 << 6);
      message = this.#compose(record, { flags }, [], 1 << 7);
      record.originalMessageId = message.id;
      if (!isEphemeral(message)) events.created(message);
    } else if (type === 6) {
      record.originalMessageId = record.sourceMessageId;
    } else if (type === 8) {
      checkChoices(errors, ['data'], data);
      errors.throwIfAny();
    } else if (type === 9) {
      checkModal(errors, ['data'], data);
      errors.throwIfAny();
    }
    record.ackAt = now;
    record.response = { type, ...('data' in body && isObject(body['data']) ? { data: clone(body['data']) } : {}) };
    this.deps.notifier.notify();
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: isLoading(message),
                response_message_ephemeral: isEphemeral(message),
              }
            : {}),
        },
        resource: { type, ...(message ? { message: clone(message) } : {}) },
      },
    };
  }

  /** POST /webhooks/:app/:token — a follow-up. After a deferral the first follow-up fills the "thinking" message. */
  followUp(call: WebhookCall, rawBody: unknown, files: FilePart[], wait: boolean): HandlerResult {
    const record = this.#webhookRecord(call);
    return this.#guard(record, 'POST', call.route, () => {
      const body = asObject(rawBody) ?? {};
      const write = this.deps.recordWrite({
        requestSeq: call.requestSeq,
        kind: 'webhook.create',
        route: call.route,
        payload: clone(body),
        allowedMentionsPresent: 'allowed_mentions' in body,
        allowedMentions: body['allowed_mentions'],
      });
      const errors = new FormErrors();
      checkMessageFields(errors, [], body);
      errors.throwIfAny();
      const { store, events } = this.deps;
      const original = record.originalMessageId ? store.messages.get(record.originalMessageId) : undefined;
      let message: EmulatorMessage;
      if (original && isLoading(original) && record.response?.type === 5) {
        message = applyEdit(store, original, body, { viaApi: true, channel: this.#channel(original.channel_id), files });
        store.addMessage(message);
        if (!isEphemeral(message)) events.updated(message);
      } else {
        message = this.#compose(record, body, files, 0);
        if (!isEphemeral(message)) events.created(message);
      }
      record.followUpIds.push(message.id);
      write.accepted = true;
      write.messageId = message.id;
      this.deps.notifier.notify();
      return wait ? { status: 200, body: clone(message) } : { status: 204 };
    });
  }

  getMessage(call: WebhookCall, messageId: string): HandlerResult {
    const record = this.#webhookRecord(call);
    const message = this.#resolveTarget(record, messageId);
    return { status: 200, body: clone(message) };
  }

  editMessage(call: WebhookCall, messageId: string, rawBody: unknown, files: FilePart[]): HandlerResult {
    const record = this.#webhookRecord(call);
    return this.#guard(record, 'PATCH', call.route, () => {
      const body = asObject(rawBody) ?? {};
      const target = this.#resolveTarget(record, messageId);
      const write = this.deps.recordWrite({
        requestSeq: call.requestSeq,
        kind: 'webhook.edit',
        route: call.route,
        payload: clone(body),
        allowedMentionsPresent: 'allowed_mentions' in body,
        allowedMentions: body['allowed_mentions'],
        messageId: target.id,
      });
      const errors = new FormErrors();
      checkMessageFields(errors, [], body);
      errors.throwIfAny();
      const { store, events } = this.deps;
      const next = applyEdit(store, target, body, { viaApi: true, channel: this.#channel(target.channel_id), files });
      store.addMessage(next);
      record.edits.push({ messageId: next.id, original: next.id === record.originalMessageId, body: clone(body), at: Date.now() });
      if (!isEphemeral(next)) events.updated(next);
      write.accepted = true;
      this.deps.notifier.notify();
      return { status: 200, body: clone(next) };
    });
  }

  deleteMessage(call: WebhookCall, messageId: string): HandlerResult {
    const record = this.#webhookRecord(call);
    return this.#guard(record, 'DELETE', call.route, () => {
      const target = this.#resolveTarget(record, messageId);
      this.deps.store.messages.delete(target.id);
      if (!isEphemeral(target)) this.deps.events.deleted(target);
      this.deps.notifier.notify();
      return { status: 204 };
    });
  }

  #guard(record: InteractionRecord, method: string, route: string, fn: () => HandlerResult): HandlerResult {
    try {
      return fn();
    } catch (error) {
      this.#reject(record, method, route, error);
      throw error;
    }
  }

  #reject(record: InteractionRecord, method: string, route: string, error: unknown): void {
    if (!(error instanceof ApiError)) return;
    record.rejected.push({ at: Date.now(), method, route, status: error.status, error: error.body });
    this.deps.notifier.notify();
  }

  /** Interaction webhooks exist only once the interaction is acknowledged, and only for the token's lifetime. */
  #webhookRecord(call: WebhookCall): InteractionRecord {
    if (call.appId !== this.deps.applicationId) throw Errors.unknownWebhook();
    const record = this.#byToken.get(call.token);
    if (!record || record.ackAt === null) throw Errors.unknownWebhook();
    if (Date.now() - record.ackAt > this.deps.tokenLifetimeMs) throw Errors.invalidWebhookToken();
    return record;
  }

  #resolveTarget(record: InteractionRecord, messageId: string): EmulatorMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const owned = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = owned ? this.deps.store.messages.get(id) : undefined;
    if (!message) throw Errors.unknownMessage();
    return message;
  }

  #channel(channelId: string) {
    const channel = this.deps.store.channel(channelId);
    if (!channel) throw Errors.unknownChannel();
    return channel;
  }

  #compose(record: InteractionRecord, body: JsonObject, files: FilePart[], extraFlags: number): EmulatorMessage {
    const { store } = this.deps;
    const user = store.user(record.userId) as APIUser;
    const isCommand = record.type === InteractionType.ApplicationCommand;
    const commandData = asObject(record.payload['data']);
    const message = composeMessage(store, {
      channel: this.#channel(record.channelId),
      author: store.botUser,
      body,
      files,
      viaApi: true,
      type: isCommand ? 20 : 0,
      webhookId: this.deps.applicationId,
      applicationId: this.deps.applicationId,
      interactionMetadata: {
        id: record.id,
        type: record.type,
        user: clone(user),
        authorizing_integration_owners: clone(record.payload['authorizing_integration_owners']) as Record<string, string>,
        ...(isCommand && commandData ? { name: String(commandData['name']), command_type: typeof commandData['type'] === 'number' ? commandData['type'] : 1 } : {}),
        ...(isCommand && typeof commandData?.['target_id'] === 'string' ? { target_id: commandData['target_id'] } : {}),
        ...(record.sourceMessageId ? { interacted_message_id: record.sourceMessageId } : {}),
      } as EmulatorMessage['interaction_metadata'] & object,
      extraFlags,
    });
    store.addMessage(message);
    return message;
  }
}

/**
 * What a test gets back from runSlashCommand / clickButton / submitModal. Getters read live state, so after awaiting
 * `message()` or `settled()` they reflect the bot's later edits and follow-ups too.
 */
export class InteractionResult {
  constructor(
    private readonly record: InteractionRecord,
    private readonly deps: InteractionDeps,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE data the bot received. */
  get payload(): JsonObject {
    return this.record.payload;
  }

  /** The accepted callback body, e.g. `{ type: 4, data: { content } }`. */
  get response(): InteractionCallbackBody {
    if (!this.record.response) throw new Error(`${this.record.label} has not been acknowledged`);
    return this.record.response;
  }

  get callbackType(): number {
    return this.response.type;
  }

  get deferred(): boolean {
    return this.response.type === 5 || this.response.type === 6;
  }

  /** Current state of the response message (or the component's message after an update), if any. */
  get finalMessage(): EmulatorMessage | null {
    const id = this.record.originalMessageId;
    const message = id ? this.deps.store.messages.get(id) : undefined;
    return message ? clone(message) : null;
  }

  get followUps(): EmulatorMessage[] {
    return this.record.followUpIds
      .map((id) => this.deps.store.messages.get(id))
      .filter((m): m is EmulatorMessage => m !== undefined)
      .map((m) => clone(m));
  }

  get edits(): InteractionEdit[] {
    return clone(this.record.edits);
  }

  /** Requests about this interaction that Discord rejected (callbacks and webhook calls). */
  get rejected(): RejectedAttempt[] {
    return clone(this.record.rejected);
  }

  /** Autocomplete choices (callback type 8). */
  get choices(): APIApplicationCommandOptionChoice[] {
    const choices = this.record.response?.type === 8 ? this.record.response.data?.['choices'] : undefined;
    return Array.isArray(choices) ? (clone(choices) as APIApplicationCommandOptionChoice[]) : [];
  }

  /** The modal the bot opened (callback type 9). */
  get modal(): JsonObject | null {
    return this.record.response?.type === 9 ? clone(this.record.response.data ?? {}) : null;
  }

  /**
   * The reply the user ends up seeing: the immediate reply, or — after a deferral — the message once the bot edited
   * it or sent its first follow-up; after a component update, the updated message.
   */
  message(timeoutMs = 5000): Promise<EmulatorMessage> {
    const type = this.response.type;
    if (type === 8 || type === 9) {
      return Promise.reject(new Error(`${this.record.label} was answered with ${CALLBACK_NAMES[type]}, not a message`));
    }
    return this.deps.notifier.wait(
      () => this.#visibleMessage(),
      timeoutMs,
      () => `${this.record.label} was acknowledged with ${CALLBACK_NAMES[type]} but the bot never produced the message.\n${this.#describe()}`,
    );
  }

  /** Waits until a deferred response has been completed (an edit or follow-up); immediate for non-deferred ones. */
  async settled(timeoutMs = 5000): Promise<this> {
    const type = this.response.type;
    if (type === 5 || type === 6) await this.message(timeoutMs);
    return this;
  }

  /** Waits until the bot has made at least `count` successful edits through the interaction webhook. */
  waitForEdit(timeoutMs = 5000, count = 1): Promise<InteractionEdit> {
    return this.deps.notifier.wait(
      () => (this.record.edits.length >= count ? clone(this.record.edits[count - 1]) : undefined),
      timeoutMs,
      () => `${this.record.label}: expected ${count} edit(s), saw ${this.record.edits.length}.\n${this.#describe()}`,
    );
  }

  /** Waits until the bot has sent at least `count` follow-ups, and returns the count-th one. */
  waitForFollowUp(timeoutMs = 5000, count = 1): Promise<EmulatorMessage> {
    return this.deps.notifier.wait(
      () => {
        const id = this.record.followUpIds[count - 1];
        const message = id ? this.deps.store.messages.get(id) : undefined;
        return message ? clone(message) : undefined;
      },
      timeoutMs,
      () => `${this.record.label}: expected ${count} follow-up(s), saw ${this.record.followUpIds.length}.\n${this.#describe()}`,
    );
  }

  /** A plain snapshot, so logging or JSON.stringify of a result shows what happened. */
  toJSON(): JsonObject {
    return {
      id: this.id,
      response: this.record.response,
      finalMessage: this.finalMessage,
      followUps: this.followUps,
      edits: this.edits,
      rejected: this.rejected,
    };
  }

  #visibleMessage(): EmulatorMessage | undefined {
    const type = this.response.type;
    const original = this.finalMessage;
    if (type === 4 || type === 7) return original ?? undefined;
    if (type === 5) {
      if (original && !isLoading(original)) return original;
      if (!original) return this.followUps[0];
      return undefined;
    }
    // Type 6: the component message stays as it was until the bot edits it or follows up.
    if (this.record.edits.some((e) => e.original)) return original ?? undefined;
    return this.followUps[0];
  }

  #describe(): string {
    const rejected = this.record.rejected
      .map((r) => `  rejected: ${r.method} ${r.route} → ${r.status} ${JSON.stringify(r.error)}`)
      .join('\n');
    return `${rejected ? `${rejected}\n` : ''}${this.deps.describeRecent(this.record.dispatchedAt)}`;
  }

}

