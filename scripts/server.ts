// Gazette's production server: Next.js in this process, behind node:http.
// Used by `npm start`, the integration tests and the benchmarks, so all three run the same
// code path. Running Next in-process (rather than `next start`) lets the process that holds
// the embedded database's lock also serve requests: Next's server bundles reach the same
// handle through globalThis (see db/client.ts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { problem } from '../lib/http/problem';
import { guardRequest } from '../lib/http/request-guard';

export interface RunningServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function startNextServer(options: { port: number; host: string; dir?: string }): Promise<RunningServer> {
  const dir = options.dir ?? path.resolve(import.meta.dirname, '..');
  const app = next({ dev: false, dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    const refused = guardRequest(req.method ?? 'GET', req.url ?? '/', req.headers);
    if (refused) {
      res.writeHead(refused.status, refused.headers);
      res.end(req.method === 'HEAD' ? undefined : refused.body);
      return;
    }
    // The client address as this server saw it; any client-sent value is overwritten, so the
    // header can be trusted for rate limits (TRUSTED_CLIENT_IP_HEADER's default).
    req.headers['x-gazette-client-ip'] = req.socket.remoteAddress ?? 'unknown';
    handle(req, res).catch((err: unknown) => {
      console.error('[server] unhandled error:', err);
      if (!res.headersSent) {
        // Outside Next's routing: next.config's headers (nosniff) are not added to this answer.
        const answer = problem(500, undefined, { nosniff: true });
        res.writeHead(answer.status, answer.headers);
        res.end(req.method === 'HEAD' ? undefined : answer.body);
      } else {
        res.destroy();
      }
    });
  });
  // Answer a client that half-closes after sending its request (RFC 9112 §9.6): Node's default
  // drops the response in flight when the FIN arrives before the answer, i.e. whenever the answer
  // waits on real I/O (PostgreSQL, Redis). Plain `next start` gets the same from the Next patch.
  // (A public property of http.Server since Node 0.x, missing from @types/node.)
  (server as http.Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // Bound slow clients: a request's headers must arrive within 30 s (slowloris).
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
