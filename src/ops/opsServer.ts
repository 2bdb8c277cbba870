import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HealthReport } from './healthReport.ts';

export interface OpsServer {
  /** The port it listens on (the one chosen when METRICS_PORT is 0). */
  readonly port: number;
  close(): Promise<void>;
}

export interface OpsEndpoints {
  health(): HealthReport;
  metrics(): Promise<{ contentType: string; text: string }>;
}

/**
 * `GET /healthz` and `GET /metrics` on METRICS_HOST:METRICS_PORT. Plain node:http: two read-only routes need no
 * framework. Rejects when the port cannot be bound, so the bot can say which variable to change.
 */
export async function startOpsServer({ host, port }: { host: string; port: number }, endpoints: OpsEndpoints, logger: Logger): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      const { status, body } = endpoints.health();
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
      return;
    }
    if (path === '/metrics') {
      endpoints.metrics().then(
        ({ contentType, text }) => response.writeHead(200, { 'Content-Type': contentType }).end(text),
        (error: unknown) => {
          logger.error({ err: error }, 'Could not collect metrics');
          response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Could not collect metrics\n');
        },
      );
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: try /healthz or /metrics\n');
  });
  // A scraper that keeps its connection open must not hold the bot up when it stops.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // It must not keep a bot with nothing left to do alive: main.ts exits with an error when the connection is gone.
  server.unref();
  const bound = (server.address() as AddressInfo).port;
  logger.info({ host, port: bound }, 'Serving /healthz and /metrics');
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
