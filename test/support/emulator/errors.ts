/** A JSON error response exactly as Discord would send it. Thrown by handlers, turned into a response by the server. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: { code: number; message: string; errors?: unknown }) {
    super(`${status} ${body.message} (code ${body.code})`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

export interface FormErrorEntry {
  code: string;
  message: string;
}

/**
 * Collects field errors in Discord's nested `errors` shape, e.g.
 * `{ embeds: { 0: { description: { _errors: [{ code, message }] } } } }`, so bot logs show the same paths as production.
 */
export class FormErrors {
  readonly #root: Record<string, unknown> = {};
  #count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.#root;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (typeof child === 'object' && child !== null) {
        node = child as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        node[key] = created;
        node = created;
      }
    }
    const list = (node['_errors'] ??= []) as FormErrorEntry[];
    list.push({ code, message });
    this.#count++;
  }

  maxLength(path: readonly (string | number)[], max: number): void {
    this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  required(path: readonly (string | number)[]): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  toJSON(): Record<string, unknown> {
    return this.#root;
  }

  throwIfAny(): void {
    if (!this.empty) throw invalidFormBody(this);
  }
}

export function invalidFormBody(errors: FormErrors): ApiError {
  return new ApiError(400, { code: 50035, message: 'Invalid Form Body', errors: errors.toJSON() });
}

export const Errors = {
  unauthorized: () => new ApiError(401, { code: 0, message: '401: Unauthorized' }),
  notFound: () => new ApiError(404, { code: 0, message: '404: Not Found' }),
  methodNotAllowed: () => new ApiError(405, { code: 0, message: '405: Method Not Allowed' }),
  invalidJson: () => new ApiError(400, { code: 50109, message: 'The request body contains invalid JSON.' }),
  unknownChannel: () => new ApiError(404, { code: 10003, message: 'Unknown Channel' }),
  unknownGuild: () => new ApiError(404, { code: 10004, message: 'Unknown Guild' }),
  unknownMember: () => new ApiError(404, { code: 10007, message: 'Unknown Member' }),
  unknownMessage: () => new ApiError(404, { code: 10008, message: 'Unknown Message' }),
  unknownUser: () => new ApiError(404, { code: 10013, message: 'Unknown User' }),
  unknownWebhook: () => new ApiError(404, { code: 10015, message: 'Unknown Webhook' }),
  unknownCommand: () => new ApiError(404, { code: 10063, message: 'Unknown application command' }),
  unknownInteraction: () => new ApiError(404, { code: 10062, message: 'Unknown interaction' }),
  alreadyAcknowledged: () => new ApiError(400, { code: 40060, message: 'Interaction has already been acknowledged.' }),
  missingAccess: () => new ApiError(403, { code: 50001, message: 'Missing Access' }),
  missingPermissions: () => new ApiError(403, { code: 50013, message: 'Missing Permissions' }),
  cannotEditOthers: () => new ApiError(403, { code: 50005, message: 'Cannot edit a message authored by another user' }),
  emptyMessage: () => new ApiError(400, { code: 50006, message: 'Cannot send an empty message' }),
  nonTextChannel: () => new ApiError(400, { code: 50008, message: 'Cannot send messages in a non-text channel' }),
  invalidWebhookToken: () => new ApiError(401, { code: 50027, message: 'Invalid Webhook Token' }),
};
