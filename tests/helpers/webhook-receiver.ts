// A real webhook receiver on 127.0.0.1 for the tests: records every request (headers, raw body,
// arrival time) and answers as scripted — a sequence of statuses (the last one repeats), with an
// optional Retry-After, or never at all (the request is held open until the receiver closes).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  at: number;
  headers: Record<string, string>;
  body: string;
  id: string;
  /** What the receiver answered (null: held open, never answered). */
  status: number | null;
}

export type Answer = number | { status: number; retryAfter?: string; body?: string; location?: string } | 'hang';

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Replace the script: answers in order, the last repeating. */
  script(answers: Answer[]): void;
  /** Resolves once `n` requests have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  /** Requests held open by 'hang' are answered 200 from now on (and those waiting, released). */
  release(): void;
  close(): Promise<void>;
}

export async function startReceiver(answers: Answer[] = [200], path = '/hook'): Promise<Receiver> {
  let script = answers;
  const received: Received[] = [];
  const held = new Map<http.ServerResponse, Received>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const answer = script[Math.min(received.length, script.length - 1)] ?? 200;
      const status = answer === 'hang' ? null : typeof answer === 'number' ? answer : answer.status;
      const entry: Received = { at: Date.now(), headers, body: Buffer.concat(chunks).toString('utf8'), id: headers['webhook-id'] ?? '', status };
      received.push(entry);
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      if (answer === 'hang') {
        held.set(res, entry);
        res.on('close', () => held.delete(res));
        return;
      }
      const a = typeof answer === 'number' ? { status: answer } : answer;
      const extra: Record<string, string> = {};
      if (a.retryAfter) extra['retry-after'] = a.retryAfter;
      if (a.location) extra.location = a.location;
      res.writeHead(a.status, { 'content-type': 'text/plain', ...extra });
      res.end(a.body ?? `answer ${a.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    received,
    script(next) {
      script = next;
    },
    waitFor(n, timeoutMs = 60_000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} of ${n} requests within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    release() {
      script = script.map((a) => (a === 'hang' ? 200 : a));
      for (const [res, entry] of held) {
        entry.status = 200;
        res.writeHead(200).end('released');
      }
    },
    async close() {
      for (const res of held.keys()) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The receivers' view of a delivery: every attempt of each webhook-id, in arrival order. */
export function attemptsById(received: Received[]): Map<string, Received[]> {
  const by = new Map<string, Received[]>();
  for (const r of received) by.set(r.id, [...(by.get(r.id) ?? []), r]);
  return by;
}
