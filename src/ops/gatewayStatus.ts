import { Status, type Client } from 'discord.js';

export interface ShardStatus {
  readonly id: number;
  /** discord.js's name for the connection state: Ready, Connecting, Resuming, Disconnected… */
  readonly status: string;
  /** Heartbeat round trip in milliseconds; null before the first heartbeat is acknowledged. */
  readonly pingMs: number | null;
}

export interface GatewayStatus {
  /** Every shard of this process is connected and has received its servers. */
  readonly ready: boolean;
  readonly shards: readonly ShardStatus[];
}

/** The gateway as the health check and metrics see it; not ready before the client exists. */
export function gatewayStatus(client: Client | undefined): GatewayStatus {
  if (!client) return { ready: false, shards: [] };
  const shards = [...client.ws.shards.values()].map((shard) => ({
    id: shard.id,
    status: Status[shard.status] ?? String(shard.status),
    pingMs: shard.ping >= 0 ? shard.ping : null,
  }));
  return { ready: client.isReady() && shards.length > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready), shards };
}
