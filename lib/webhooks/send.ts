// One delivery attempt over HTTP (SPEC §8, Standard Webhooks v1): sign with the reference
// implementation (`standardwebhooks`), POST the JSON, read at most a small excerpt of the answer.
// Redirects are not followed (a 3xx is a failure: a receiver's URL must be the one registered),
// and the socket connects only to addresses the outbound policy allows (./address-policy.ts).
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ForbiddenAddressError, refusal, safeLookup } from './address-policy';

/** How much of a response body the delivery log keeps. */
export const EXCERPT_BYTES = 1024;
export const USER_AGENT = 'Gazette-Webhooks/1.0 (+https://www.standardwebhooks.com)';

export interface Message {
  /** The delivery id: the `webhook-id`, the same on every attempt. */
  id: string;
  body: string;
}

/**
 * The three Standard Webhooks headers for one attempt: `webhook-timestamp` is this attempt's time
 * in seconds, and `webhook-signature` holds one `v1,<base64>` per secret, space-separated (during a
 * rotation a receiver with either secret verifies it).
 */
export function signatureHeaders(message: Message, secrets: string[], at: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(message.id, at, message.body));
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

export interface AttemptResult {
  startedAt: Date;
  durationMs: number;
  /** The HTTP status, or null when no answer came (refused, unreachable, timed out). */
  statusCode: number | null;
  retryAfter: string | null;
  excerpt: string | null;
  error: string | null;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: readonly string[];
}

// Sockets are kept alive per origin (a burst to one endpoint reuses them), in agents of our own:
// every socket they open went through safeLookup.
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };

export async function sendAttempt(url: string, message: Message, secrets: string[], options: SendOptions): Promise<AttemptResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const done = (r: Omit<AttemptResult, 'startedAt' | 'durationMs'>): AttemptResult => ({ startedAt, durationMs: Math.round(performance.now() - t0), ...r });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return done({ statusCode: null, retryAfter: null, excerpt: null, error: 'The endpoint URL is not a valid URL.' });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return done({ statusCode: null, retryAfter: null, excerpt: null, error: 'The endpoint URL is not http:// or https://.' });
  // An address literal is connected to without any lookup: judge it here.
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(literal)) {
    const why = refusal(literal, options.allowPrivate);
    if (why) return done({ statusCode: null, retryAfter: null, excerpt: null, error: why });
  }
  const headers = {
    ...signatureHeaders(message, secrets, startedAt),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(message.body)),
    'user-agent': USER_AGENT,
  };
  const signal = AbortSignal.timeout(options.timeoutMs);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let answered: { statusCode: number; retryAfter: string | null } | null = null;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      const excerpt = chunks.length ? Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8') : answered ? '' : null;
      resolve(done({ statusCode: answered?.statusCode ?? null, retryAfter: answered?.retryAfter ?? null, excerpt, error }));
    };
    const req = client.request(
      target,
      { method: 'POST', headers, agent: target.protocol === 'https:' ? agents.https : agents.http, lookup: safeLookup(options.allowPrivate), signal },
      (res) => {
        answered = { statusCode: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] ?? null };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: stop reading (the socket is dropped, not kept for reuse).
          if (size >= EXCERPT_BYTES) {
            res.destroy();
            finish(null);
          }
        });
        res.on('end', () => finish(null));
        res.on('error', () => finish(null));
        res.on('close', () => finish(null));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // The status line is what counts: an answer whose body then stalls keeps its status.
      if (answered) return finish(null);
      finish(describe(err, options.timeoutMs));
    });
    req.end(message.body);
  });
}

function describe(err: NodeJS.ErrnoException, timeoutMs: number): string {
  if (err instanceof ForbiddenAddressError) return err.message;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return `No answer within ${timeoutMs} ms (timed out).`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'Connection refused.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name could not be resolved.';
    case 'ECONNRESET':
      return 'The connection was reset before an answer.';
    default:
      return err.message || String(err.code ?? 'request failed');
  }
}
