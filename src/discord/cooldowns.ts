/** What to do with a member's question given their recent ones. */
export type CooldownDecision = 'allow' | 'notify' | 'silent';

export interface CooldownAsk {
  /**
   * The message replies to one of the bot's own messages: the next turn of a conversation the bot
   * is in. Inside the window such follow-ups draw on a small allowance of their own.
   */
  readonly followUp?: boolean;
}

/**
 * Follow-ups a member may send inside one window. Someone answered usually replies at once ("and until
 * when?"); turning them away would make them wait and type it again. A few, not unlimited: replying to
 * the bot's own messages must not become a way around the cooldown.
 */
export const defaultFollowUpsPerWindow = 2;

/**
 * Per-member cooldown. Within the window a member gets one polite notice, then silence, so a fast
 * typist cannot make the bot spam the channel. Asking whether a member may go ahead (`decide`) and
 * starting their window (`start`) are separate, so the decision can come before any costly work and
 * the window can start only once the bot actually answers.
 *
 * Follow-ups (replies to the bot) inside a window are allowed up to `followUpsPerWindow` and do not
 * restart it: a member gets at most 1 + `followUpsPerWindow` answers per window, whatever they send.
 */
export class Cooldowns {
  private readonly lastAllowed = new Map<string, number>();
  private readonly notified = new Set<string>();
  /** Follow-ups answered inside the member's current window. */
  private readonly followUpsUsed = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
    private readonly followUpsPerWindow: number = defaultFollowUpsPerWindow,
  ) {}

  /** `allow` outside the window (without starting one), or for a follow-up the allowance still covers; otherwise `notify` the first time, then `silent`. */
  decide(userId: string, { followUp = false }: CooldownAsk = {}): CooldownDecision {
    if (!this.isCooling(userId)) return 'allow';
    if (followUp && (this.followUpsUsed.get(userId) ?? 0) < this.followUpsPerWindow) return 'allow';
    if (this.notified.has(userId)) return 'silent';
    this.notified.add(userId);
    return 'notify';
  }

  /** Whether the member is inside their window; changes nothing. */
  isCooling(userId: string): boolean {
    if (this.seconds <= 0) return false;
    const last = this.lastAllowed.get(userId);
    return last !== undefined && this.now() - last < this.seconds * 1000;
  }

  /** Starts the member's window now; a follow-up inside a running window uses up one of its allowance instead. */
  start(userId: string, { followUp = false }: CooldownAsk = {}): void {
    if (this.seconds <= 0) return;
    if (followUp && this.isCooling(userId)) {
      this.followUpsUsed.set(userId, (this.followUpsUsed.get(userId) ?? 0) + 1);
      return;
    }
    const now = this.now();
    this.lastAllowed.set(userId, now);
    this.notified.delete(userId);
    this.followUpsUsed.delete(userId);
    this.forgetOld(now);
  }

  /** `decide`, starting the window when allowed: for work that always answers once it starts. */
  check(userId: string): CooldownDecision {
    const decision = this.decide(userId);
    if (decision === 'allow') this.start(userId);
    return decision;
  }

  remainingSeconds(userId: string): number {
    const last = this.lastAllowed.get(userId);
    if (last === undefined) return 0;
    return Math.max(0, Math.ceil((last + this.seconds * 1000 - this.now()) / 1000));
  }

  // Keeps memory bounded on busy servers: entries past their window carry no information.
  private forgetOld(now: number): void {
    if (this.lastAllowed.size < 10_000) return;
    for (const [userId, at] of this.lastAllowed) {
      if (now - at >= this.seconds * 1000) {
        this.lastAllowed.delete(userId);
        this.notified.delete(userId);
        this.followUpsUsed.delete(userId);
      }
    }
  }
}

/**
 * At most `limit` uses per member per window of `windowMs` (a fixed window from the member's first
 * use in it). It remembers at most `maxMembers` members: when that many windows are running, the
 * oldest is forgotten, so memory stays bounded whoever writes (forgetting only ever lets a member
 * use more, and only when that many others are active at once).
 */
export class MemberAllowance {
  /** Insertion order is window-start order: a window that starts anew is moved to the end. */
  private readonly windows = new Map<string, { readonly start: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxMembers = 10_000,
  ) {}

  /** Uses one of the member's allowance: false, changing nothing, when none is left in their window. */
  take(userId: string): boolean {
    const now = this.now();
    let window = this.windows.get(userId);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(userId);
      this.makeRoom(now);
      window = { start: now, used: 0 };
      this.windows.set(userId, window);
    }
    if (window.used >= this.limit) return false;
    window.used += 1;
    return true;
  }

  /** Members remembered now (for tests of the bound). */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    for (const [userId, window] of this.windows) {
      if (this.windows.size < this.maxMembers && now - window.start < this.windowMs) return;
      this.windows.delete(userId);
    }
  }
}

/**
 * Unanswered questions logged per member: enough for moderators to see what a member looked for,
 * few enough that one member cannot fill the gap review (`/kb gaps`) — at most 240 a day. Answers are
 * not counted: they are bounded by the cooldown, and they are no gaps.
 */
export const gapLogAllowance = { perMember: 10, windowMs: 60 * 60 * 1000 } as const;
