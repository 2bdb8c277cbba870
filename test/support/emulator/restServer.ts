import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, Errors } from './errors.ts';
import type { HandlerResult } from './interactions.ts';
import { isObject, type JsonObject } from './json.ts';
import type { FilePart } from './messages.ts';
import type { Notifier } from './notifier.ts';
import type { FailureRule, RecordedRequest, StallRule } from './types.ts';

export const API_PREFIX = '/api/v10';

export interface RouteContext {
  method: string;
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: FilePart[];
  requestSeq: number;
}

export interface RouteDef {
  method: string;
  /** Path template under /api/v10, e.g. `/channels/:channelId/messages`. */
  pattern: string;
  /** Interaction callbacks and interaction webhooks are authenticated by their token, not the bot token. */
  auth: boolean;
  handler: (ctx: RouteContext) => HandlerResult;
}

export interface RawHandler {
  /** Serves non-API paths (attachment downloads). Returns false when it doesn't handle the path. */
  (path: string, res: ServerResponse): boolean;
}

export interface RestConfig {
  token: string;
  routes: RouteDef[];
  notifier: Notifier;
  onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  raw?: RawHandler;
}

interface ActiveRule extends FailureRule {
  remaining: number;
}

interface ActiveStall extends StallRule {
  remaining: number;
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const want = p[i] ?? '';
    const got = s[i] ?? '';
    if (want.startsWith(':')) {
      if (!got) return undefined;
      params[want.slice(1)] = decodeURIComponent(got);
    } else if (want !== got) return undefined;
  }
  return params;
}

function ruleMatches(rule: Pick<FailureRule, 'method' | 'route'>, method: string, route: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.route instanceof RegExp) return rule.route.test(route);
  return rule.route === route || (rule.route.includes(':') && matchPattern(rule.route, route) !== undefined);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON bodies, or multipart with a `payload_json` part plus `files[n]` parts (what @discordjs/rest sends with files). */
async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: unknown; files: FilePart[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://emulator.local/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    let body: unknown = null;
    const files: FilePart[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** REST v10 over node:http. Owns auth, the request log and failure injection; route handlers own Discord semantics. */
export class RestServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  readonly #rules: ActiveRule[] = [];
  readonly #stalls: ActiveStall[] = [];
  readonly #heldResponses = new Set<NodeJS.Timeout>();
  #tokenRevoked = false;
  #seq = 0;
  port = 0;

  constructor(private readonly config: RestConfig) {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.#send(res, 500, { message: `emulator error: ${String(error)}`, code: 0 });
      });
    });
    this.#server.on('upgrade', (req, socket, head) => config.onUpgrade(req, socket, head));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.#server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    for (const timer of this.#heldResponses) clearTimeout(timer);
    this.#heldResponses.clear();
    // Keep-alive sockets from undici would otherwise hold server.close() open.
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  failNext(rule: FailureRule): void {
    this.#rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  stallNext(rule: StallRule): void {
    this.#stalls.push({ ...rule, remaining: rule.times ?? 1 });
  }

  /** From now on the bot token is refused (401), as after a reset in the Developer Portal. */
  revokeToken(): void {
    this.#tokenRevoked = true;
  }

  get tokenRevoked(): boolean {
    return this.#tokenRevoked;
  }

  describeRecent(since = 0, limit = 15): string {
    const recent = this.requests.filter((r) => r.at >= since).slice(-limit);
    if (recent.length === 0) return 'No requests were received in that time.';
    const lines = recent.map(
      (r) => `  #${r.seq} ${r.method} ${r.route} → ${r.status}${r.errorCode !== undefined ? ` (code ${r.errorCode})` : ''}`,
    );
    return `Recent requests:\n${lines.join('\n')}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      if (this.config.raw?.(url.pathname, res)) return;
      this.#send(res, 404, Errors.notFound().body);
      return;
    }
    const route = url.pathname.slice(API_PREFIX.length).replace(/\/+$/, '') || '/';
    const query = Object.fromEntries(url.searchParams.entries());
    const seq = ++this.#seq;
    const at = Date.now();
    const authenticated = !this.#tokenRevoked && req.headers['authorization'] === `Bot ${this.config.token}`;
    const raw = await readBody(req);
    const entry: RecordedRequest = { seq, method, route, query, body: null, files: [], authenticated, at, status: 0 };

    let result: HandlerResult;
    let headers: Record<string, string> = {};
    try {
      let parsed: { body: unknown; files: FilePart[] };
      try {
        parsed = await parseBody(req, raw);
      } catch {
        throw Errors.invalidJson();
      }
      entry.body = parsed.body;
      entry.files = parsed.files.map((f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.data.length }));
      const candidates = this.config.routes
        .map((def) => ({ def, params: matchPattern(def.pattern, route) }))
        .filter((c): c is { def: RouteDef; params: Record<string, string> } => c.params !== undefined);
      if (candidates.length === 0) throw Errors.notFound();
      const match = candidates.find((c) => c.def.method === method);
      if (!match) throw Errors.methodNotAllowed();
      if (match.def.auth && !authenticated) throw Errors.unauthorized();
      const injected = this.#takeRule(method, route);
      if (injected) {
        entry.injected = true;
        ({ result, headers } = injected);
      } else {
        result = match.def.handler({ method, route, params: match.params, query, body: parsed.body, files: parsed.files, requestSeq: seq });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result = { status: error.status, body: error.body };
    }

    entry.status = result.status;
    if (result.status >= 400 && isObject(result.body)) {
      const code = result.body['code'];
      if (typeof code === 'number') entry.errorCode = code;
      entry.error = result.body;
    }
    const stall = this.#takeStall(method, route);
    if (stall !== undefined) entry.stalledMs = stall;
    this.requests.push(entry);
    this.config.notifier.notify();
    if (stall === undefined) {
      this.#send(res, result.status, result.body, headers);
      return;
    }
    // The work is done and visible; only the answer is late. A client that gave up has closed the socket by then.
    const timer = setTimeout(() => {
      this.#heldResponses.delete(timer);
      if (!res.destroyed) this.#send(res, result.status, result.body, headers);
    }, stall);
    this.#heldResponses.add(timer);
  }

  #takeStall(method: string, route: string): number | undefined {
    const index = this.#stalls.findIndex((r) => ruleMatches(r, method, route));
    const rule = this.#stalls[index];
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.#stalls.splice(index, 1);
    return rule.ms;
  }

  #takeRule(method: string, route: string): { result: HandlerResult; headers: Record<string, string> } | undefined {
    const index = this.#rules.findIndex((r) => ruleMatches(r, method, route));
    const rule = this.#rules[index];
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    if (rule.status !== 429) {
      const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[rule.status];
      return { result: { status: rule.status, body: { message: `${rule.status}: ${text}`, code: 0 } }, headers: {} };
    }
    const retryAfter = rule.retryAfter ?? 0.05;
    const scope = rule.scope ?? 'user';
    const headers: Record<string, string> = {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Scope': scope,
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset-After': String(retryAfter),
      'X-RateLimit-Bucket': 'emulated-bucket',
    };
    if (scope === 'global') headers['X-RateLimit-Global'] = 'true';
    const body: JsonObject = { message: 'You are being rate limited.', retry_after: retryAfter, global: scope === 'global', code: 0 };
    return { result: { status: 429, body }, headers };
  }

  #send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (status === 204 || body === undefined) {
      res.writeHead(status === 200 ? 204 : status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}
