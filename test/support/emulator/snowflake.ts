/** Discord's epoch (2015-01-01T00:00:00Z); discord.js derives createdAt from ids, so ids must carry real timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates Discord-shaped snowflakes. The increment keeps ids unique and ordered even when many are minted in the
 * same millisecond, which matters because discord.js and bots sort messages by id.
 */
export class SnowflakeGenerator {
  #increment = 0n;
  #lastTimestamp = 0n;

  constructor(private readonly workerId = 1n) {}

  next(at: number = Date.now()): string {
    let timestamp = BigInt(at);
    // Never go backwards, otherwise a later message could sort before an earlier one.
    if (timestamp < this.#lastTimestamp) timestamp = this.#lastTimestamp;
    this.#lastTimestamp = timestamp;
    this.#increment = (this.#increment + 1n) & 0xfffn;
    return (((timestamp - DISCORD_EPOCH) << 22n) | (this.workerId << 17n) | this.#increment).toString();
  }
}

