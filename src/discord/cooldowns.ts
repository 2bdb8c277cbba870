/** What to do with a member's question given their recent ones. */
export type CooldownDecision = 'allow' | 'notify' | 'silent';

/**
 * Per-member cooldown for channel questions. Within the window a member gets one polite notice,
 * then silence, so a fast typist cannot make the bot spam the channel.
 */
export class Cooldowns {
  private readonly lastAllowed = new Map<string, number>();
  private readonly notified = new Set<string>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(userId: string): CooldownDecision {
    if (this.seconds <= 0) return 'allow';
    const now = this.now();
    const last = this.lastAllowed.get(userId);
    if (last === undefined || now - last >= this.seconds * 1000) {
      this.lastAllowed.set(userId, now);
      this.notified.delete(userId);
      this.forgetOld(now);
      return 'allow';
    }
    if (this.notified.has(userId)) return 'silent';
    this.notified.add(userId);
    return 'notify';
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
