// GET /api/bench/constant?k=… – benchmark mode only: the framework's ceiling. Answers a
// constant Response with exactly the bytes and headers a scenario answers (uploaded once by
// `npm run bench` with POST), so the ratio measures our work, not the payload size.
import { connection } from 'next/server';
import { benchMode, notInBenchMode } from '@/lib/bench';

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Binary bodies (media files) are recorded as base64. */
  encoding?: 'base64';
}
const STORE = Symbol.for('gazette.bench.constants');
type Holder = { [STORE]?: Map<string, { status: number; headers: Record<string, string>; bytes: Uint8Array }> };
const store = () => ((globalThis as Holder)[STORE] ??= new Map());
const DEFAULT = new TextEncoder().encode(JSON.stringify({ constant: true, padding: 'x'.repeat(64) }));

export async function GET(request: Request): Promise<Response> {
  // Dynamic like every public route (they all start with connection()), so the comparison is fair.
  await connection();
  if (!benchMode()) return notInBenchMode();
  const key = new URL(request.url).searchParams.get('k');
  const r = key ? store().get(key) : undefined;
  if (!r) return new Response(DEFAULT, { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  return new Response(r.status === 304 ? null : r.bytes, { status: r.status, headers: r.headers });
}

export async function POST(request: Request): Promise<Response> {
  if (!benchMode()) return notInBenchMode();
  const recordings = (await request.json()) as Record<string, Recorded>;
  for (const [k, r] of Object.entries(recordings)) store().set(k, { status: r.status, headers: r.headers, bytes: r.encoding === 'base64' ? Buffer.from(r.body, 'base64') : new TextEncoder().encode(r.body) });
  return new Response(null, { status: 204 });
}
