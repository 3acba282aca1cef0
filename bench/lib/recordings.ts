// What each scenario answers, recorded once from the running server: the floor server and the
// ceiling route replay these bytes, and the 304 scenarios send the recorded ETag.
import type { Scenario } from '../scenarios';
import { recordingKey } from './recording-key';

/** A recorded answer; binary bodies (images) are kept as base64. */
export type Recorded = { status: number; headers: Record<string, string>; body: string; encoding?: 'base64' };

export async function recordScenarios(base: string, scenarios: Scenario[]): Promise<{ recordings: Record<string, Recorded>; etags: Record<string, string> }> {
  const recordings: Record<string, Recorded> = {};
  const etags: Record<string, string> = {};
  for (const s of [...scenarios, { name: 'constant', path: '/api/bench/constant', headers: {} }]) {
    const res = await fetch(base + s.path, { headers: s.headers });
    const binary = (res.headers.get('content-type') ?? '').startsWith('image/');
    const body = binary ? Buffer.from(await res.arrayBuffer()).toString('base64') : await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) headers[k] = v;
    });
    const accept = (s.headers as Record<string, string>).accept;
    recordings[recordingKey(s.path, accept, false)] = { status: res.status, headers, body, ...(binary ? { encoding: 'base64' as const } : {}) };
    if (res.headers.get('etag')) {
      etags[recordingKey(s.path, accept, false)] = res.headers.get('etag')!;
      const { 'content-type': _type, 'content-length': _length, ...notModifiedHeaders } = headers;
      recordings[recordingKey(s.path, accept, true)] = { status: 304, headers: notModifiedHeaders, body: '' };
    }
    if (res.status !== 200) throw new Error(`${s.name}: ${s.path} answered ${res.status}`);
  }
  return { recordings, etags };
}
