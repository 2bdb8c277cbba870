import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Intent, MAX_INTENTS, applicationFlags, guildCreatePayload, guildsOnShard, readyPayload } from './events.ts';
import { asArray, asNumber, asObject, asString, isObject, type JsonObject } from './json.ts';
import type { Notifier } from './notifier.ts';
import { shardOf, type Store } from './store.ts';
import type { RecordedClose, RecordedFrame, RecordedIdentify, RecordedResume } from './types.ts';

export const GATEWAY_PATH = '/gateway';
export const RESUME_PATH = '/gateway/resume';

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Close codes after which Discord will not accept a RESUME for the session. */
const SESSION_ENDING_CODES = new Set([1000, 1001, 4004, 4007, 4010, 4011, 4012, 4013, 4014]);

/** The reason text Discord sends with each of its close codes. */
export const CLOSE_REASONS: Readonly<Record<number, string>> = {
  4000: 'Unknown error.',
  4001: 'Unknown opcode.',
  4002: 'Error while decoding payload.',
  4003: 'Not authenticated.',
  4004: 'Authentication failed.',
  4005: 'Already authenticated.',
  4007: 'Invalid seq.',
  4008: 'Rate limited.',
  4009: 'Session timed out.',
  4010: 'Invalid shard.',
  4011: 'Sharding required.',
  4012: 'Invalid API version.',
  4013: 'Invalid intent(s).',
  4014: 'Disallowed intent(s).',
};
/** Missed events kept per session for RESUME replay. */
const REPLAY_BUFFER = 1000;

interface DispatchFrame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when the client sent none. */
  shard: readonly [number, number];
  seq: number;
  buffer: DispatchFrame[];
  conn: Connection | null;
  /** False once invalidated or ended by a session-ending close; such sessions get no events and can't resume. */
  alive: boolean;
}

interface Connection {
  id: number;
  ws: WebSocket;
  path: string;
  session: Session | null;
}

export interface GatewayConfig {
  token: string;
  heartbeatIntervalMs: number;
  privilegedIntents: { guildMembers: boolean; guildPresences: boolean; messageContent: boolean };
  store: Store;
  notifier: Notifier;
  /** ws://127.0.0.1:PORT — known only after the HTTP server listens. */
  baseUrl: () => string;
}

/**
 * Gateway v10 (JSON encoding, no compression). Sharded like Discord: a client identifies as `[shard_id, num_shards]`,
 * and each guild's events go only to the session of shard `(guild_id >> 22) % num_shards`, DMs only to shard 0.
 */
export class GatewayServer {
  readonly frames: RecordedFrame[] = [];
  readonly identifies: RecordedIdentify[] = [];
  readonly resumes: RecordedResume[] = [];
  /** Every close the emulator initiated, in order. */
  readonly closes: RecordedClose[] = [];
  /** READY (+ GUILD_CREATE) sequences completed; waitForReady compares against it. */
  readyCount = 0;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  readonly #sessions = new Map<string, Session>();
  #nextConnectionId = 1;
  /** Close codes for the next IDENTIFYs, first one first (see rejectIdentify). */
  readonly #identifyRejections: number[] = [];
  #tokenRevoked = false;
  sessionStartRemaining = 1000;

  constructor(private readonly config: GatewayConfig) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path !== GATEWAY_PATH && path !== RESUME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, path, url.searchParams));
  }

  /** A session that can still receive events (possibly buffered while the socket is down). */
  hasSession(): boolean {
    return [...this.#sessions.values()].some((s) => s.alive);
  }

  /** A session whose socket is connected right now. */
  hasLiveSession(): boolean {
    return [...this.#sessions.values()].some((s) => s.alive && s.conn !== null);
  }

  /**
   * Sends a dispatch to every live session of the shard that `guildId` is on (shard 0 for `null`, a DM). `build`
   * returns the data for a session or undefined to skip it (intents, Message Content). Sessions whose socket is down
   * buffer the event for replay on RESUME.
   */
  dispatch(t: string, build: (intents: number) => unknown, guildId: string | null): void {
    for (const session of this.#sessions.values()) {
      if (!session.alive) continue;
      const [shardId, shardCount] = session.shard;
      if ((guildId === null ? 0 : shardOf(guildId, shardCount)) !== shardId) continue;
      const d = build(session.intents);
      if (d === undefined) continue;
      this.#dispatchTo(session, t, d);
    }
  }

  /** Closes every client socket with `code`; resumable codes keep the session so the client can RESUME. */
  async disconnectAll(code: number, reason = CLOSE_REASONS[code] ?? 'Emulator forced disconnect'): Promise<void> {
    const closing = [...this.#connections].map(
      (conn) =>
        new Promise<void>((resolve) => {
          if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
          conn.ws.once('close', () => resolve());
          if (conn.session && SESSION_ENDING_CODES.has(code)) conn.session.alive = false;
          this.#close(conn, code, reason);
          // A client that never completes the closing handshake must not hang the test.
          setTimeout(() => conn.ws.terminate(), 1000).unref();
        }),
    );
    await Promise.all(closing);
  }

  /** Sends op 9. With resumable=false the session is dead and the client must IDENTIFY again. */
  invalidateSessions(resumable: boolean): void {
    for (const conn of this.#connections) {
      if (!conn.session) continue;
      if (!resumable) {
        conn.session.alive = false;
        conn.session.conn = null;
        conn.session = null;
      }
      this.#send(conn, { op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
    this.config.notifier.notify();
  }

  /** The next `times` IDENTIFYs carrying the right token are answered by closing the socket with `code`. */
  rejectIdentify(code: number, times: number): void {
    for (let i = 0; i < times; i++) this.#identifyRejections.push(code);
  }

  /** The token stops working for IDENTIFY and RESUME (4004); `disconnect` also ends live sessions with 4004. */
  async revokeToken(disconnect: boolean): Promise<void> {
    this.#tokenRevoked = true;
    if (disconnect) await this.disconnectAll(4004);
  }

  /** Asks clients to reconnect and resume (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const conn of this.#connections) this.#send(conn, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  async close(): Promise<void> {
    for (const conn of this.#connections) conn.ws.terminate();
    this.#connections.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #onConnection(ws: WebSocket, path: string, params: URLSearchParams): void {
    const conn: Connection = { id: this.#nextConnectionId++, ws, path, session: null };
    this.#connections.add(conn);
    ws.on('message', (data, isBinary) => this.#onMessage(conn, data, isBinary));
    ws.on('close', (code) => this.#onClose(conn, code));
    ws.on('error', () => ws.terminate());
    if (params.get('v') !== '10') {
      this.#close(conn, 4012);
      return;
    }
    const encoding = params.get('encoding') ?? 'json';
    if (encoding !== 'json') {
      this.#close(conn, 4002, 'Only JSON encoding is emulated');
      return;
    }
    // compress=zlib-stream is deliberately ignored: @discordjs/ws parses uncompressed text frames either way.
    this.#send(conn, { op: Op.Hello, d: { heartbeat_interval: this.config.heartbeatIntervalMs }, s: null, t: null });
  }

  #onClose(conn: Connection, code: number): void {
    this.#connections.delete(conn);
    const session = conn.session;
    if (session && session.conn === conn) {
      session.conn = null;
      // A client closing with 1000/1001 ends its session on Discord; any other code leaves it resumable.
      if (code === 1000 || code === 1001) session.alive = false;
    }
    this.config.notifier.notify();
  }

  #onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary frames are not emulated');
      payload = JSON.parse(rawToString(data));
    } catch {
      this.#close(conn, 4002);
      return;
    }
    if (!isObject(payload) || typeof payload['op'] !== 'number') {
      this.#close(conn, 4002);
      return;
    }
    const op = payload['op'];
    const d = payload['d'];
    this.frames.push({ connectionId: conn.id, op, d: redact(d), at: Date.now() });
    switch (op) {
      case Op.Heartbeat:
        this.#send(conn, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        this.#identify(conn, asObject(d) ?? {});
        return;
      case Op.Resume:
        this.#resume(conn, asObject(d) ?? {});
        return;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestSoundboardSounds:
        if (!conn.session) this.#close(conn, 4003);
        return;
      case Op.RequestGuildMembers:
        if (!conn.session) this.#close(conn, 4003);
        else this.#requestGuildMembers(conn.session, asObject(d) ?? {});
        return;
      default:
        this.#close(conn, 4001);
    }
  }

  #identify(conn: Connection, d: JsonObject): void {
    if (conn.session) {
      this.#close(conn, 4005);
      return;
    }
    if (!this.#tokenAccepted(d['token'])) {
      this.#close(conn, 4004);
      return;
    }
    const rejection = this.#identifyRejections.shift();
    if (rejection !== undefined) {
      this.#close(conn, rejection);
      return;
    }
    const intents = d['intents'];
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || intents > MAX_INTENTS) {
      this.#close(conn, 4013);
      return;
    }
    const { privilegedIntents } = this.config;
    const disallowed =
      (!privilegedIntents.guildMembers && intents & Intent.GuildMembers) ||
      (!privilegedIntents.guildPresences && intents & Intent.GuildPresences) ||
      (!privilegedIntents.messageContent && intents & Intent.MessageContent);
    if (disallowed) {
      this.#close(conn, 4014);
      return;
    }
    const shard = readShard(d['shard']);
    if (!shard) {
      this.#close(conn, 4010);
      return;
    }
    this.sessionStartRemaining = Math.max(0, this.sessionStartRemaining - 1);
    this.identifies.push({
      connectionId: conn.id,
      intents,
      properties: d['properties'],
      shard: d['shard'],
      compress: d['compress'],
      largeThreshold: d['large_threshold'],
      presence: d['presence'],
      at: Date.now(),
    });
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents,
      shard,
      seq: 0,
      buffer: [],
      conn,
      alive: true,
    };
    this.#sessions.set(session.id, session);
    conn.session = session;
    const { store } = this.config;
    this.#dispatchTo(session, 'READY', readyPayload(store, session.id, `${this.config.baseUrl()}${RESUME_PATH}`, applicationFlags(privilegedIntents), shard));
    // Without GUILDS Discord never sends GUILD_CREATE; discord.js then marks the shard ready without guilds.
    if (intents & Intent.Guilds) {
      for (const guildId of guildsOnShard(store, shard)) this.#dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(store, intents, guildId));
    }
    this.readyCount++;
    this.config.notifier.notify();
  }

  #resume(conn: Connection, d: JsonObject): void {
    if (!this.#tokenAccepted(d['token'])) {
      this.#close(conn, 4004);
      return;
    }
    const sessionId = asString(d['session_id']) ?? '';
    const seq = asNumber(d['seq']) ?? 0;
    const session = this.#sessions.get(sessionId);
    if (!session || !session.alive) {
      this.#send(conn, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (seq > session.seq) {
      this.#close(conn, 4007);
      return;
    }
    const previous = session.conn;
    if (previous && previous !== conn) {
      previous.session = null;
      this.#close(previous, 4009, 'Session resumed elsewhere.');
    }
    session.conn = conn;
    conn.session = session;
    const missed = session.buffer.filter((f) => f.s > seq);
    for (const frame of missed) this.#send(conn, frame);
    this.#dispatchTo(session, 'RESUMED', {});
    this.resumes.push({ connectionId: conn.id, sessionId, seq, replayed: missed.length, path: conn.path, at: Date.now() });
    this.config.notifier.notify();
  }

  #requestGuildMembers(session: Session, d: JsonObject): void {
    const { store } = this.config;
    const userIds = (asArray(d['user_ids']) ?? (typeof d['user_ids'] === 'string' ? [d['user_ids']] : []))
      .filter((v): v is string => typeof v === 'string');
    const query = asString(d['query']);
    const limit = asNumber(d['limit']) ?? 0;
    const guildId = asString(d['guild_id']) ?? store.guildId;
    let members = store.allMembers(guildId);
    if (userIds.length > 0) members = members.filter((m) => m.user && userIds.includes(m.user.id));
    else if (query) members = members.filter((m) => m.user?.username.toLowerCase().startsWith(query.toLowerCase()));
    // Listing everyone needs the privileged GUILD_MEMBERS intent.
    else if (!(session.intents & Intent.GuildMembers)) members = [];
    if (limit > 0) members = members.slice(0, limit);
    const notFound = userIds.filter((id) => !store.member(id, guildId));
    this.#dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      ...(notFound.length > 0 ? { not_found: notFound } : {}),
      ...(d['nonce'] !== undefined ? { nonce: d['nonce'] } : {}),
    });
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq++;
    const frame: DispatchFrame = { op: 0, t, s: session.seq, d };
    session.buffer.push(frame);
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    if (session.conn) this.#send(session.conn, frame);
  }

  #tokenAccepted(token: unknown): boolean {
    return !this.#tokenRevoked && token === this.config.token;
  }

  #close(conn: Connection, code: number, reason = CLOSE_REASONS[code] ?? ''): void {
    this.closes.push({ connectionId: conn.id, code, reason, at: Date.now() });
    conn.ws.close(code, reason);
  }

  #send(conn: Connection, frame: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(frame));
  }
}

/** IDENTIFY's `shard`: absent means `[0, 1]`; anything but `[id, count]` with 0 ≤ id < count is invalid (4010). */
function readShard(value: unknown): readonly [number, number] | null {
  if (value === undefined || value === null) return [0, 1];
  const shard = asArray(value);
  const [id, count] = shard ?? [];
  if (!shard || shard.length !== 2 || typeof id !== 'number' || typeof count !== 'number') return null;
  if (!Number.isInteger(id) || !Number.isInteger(count) || id < 0 || count < 1 || id >= count) return null;
  return [id, count];
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Tokens never enter the frame log. */
function redact(d: unknown): unknown {
  if (!isObject(d) || !('token' in d)) return d;
  return { ...d, token: '[redacted]' };
}
