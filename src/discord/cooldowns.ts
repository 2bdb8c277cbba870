/** What to do with a member's question given their recent ones. */
export type CooldownDecision = 'allow' | 'notify' | 'silent';

/**
 * Per-member cooldown. Within the window a member gets one polite notice, then silence, so a fast
 * typist cannot make the bot spam the channel. Asking whether a member may go ahead (`decide`) and
 * starting their window (`start`) are separate, so the decision can come before any costly work and
 * the window can start only once the bot actually answers.
 */
export class Cooldowns {
  private readonly lastAllowed = new Map<string, number>();
  private readonly notified = new Set<string>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `allow` outside the window (without starting one); inside it `notify` the first time, then `silent`. */
  decide(userId: string): CooldownDecision {
    if (!this.isCooling(userId)) return 'allow';
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

  /** Starts the member's window now. */
  start(userId: string): void {
    if (this.seconds <= 0) return;
    const now = this.now();
    this.lastAllowed.set(userId, now);
    this.notified.delete(userId);
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
      }
    }
  }
}
