// The byte-range rules (lib/http/range.ts, RFC 9110 §13.1.5, §14, §15.3.7, §15.5.17): what a
// Range request gets, and the answers respondWithBytes builds from a file in memory.
import { describe, expect, it } from 'vitest';
import { contentRange, decideRange, ifRangeMatches, respondWithBytes, unsatisfiedRange, type ByteRange, type ByteRepresentation } from '@/lib/http/range';

const ETAG = '"abc123"';
const SIZE = 1000;
const headers = (h: Record<string, string>) => new Headers(h);
const decide = (h: Record<string, string>, method = 'GET') => decideRange(method, headers(h), SIZE, ETAG);
const partial = (start: number, end: number) => ({ kind: 'partial', range: { start, end } });

describe('decideRange', () => {
  it('serves the whole representation without a Range header', () => {
    expect(decide({})).toEqual({ kind: 'whole' });
  });

  it('serves first bytes, an open-ended range and a suffix', () => {
    expect(decide({ range: 'bytes=0-9' })).toEqual(partial(0, 9));
    expect(decide({ range: 'bytes=990-' })).toEqual(partial(990, 999));
    expect(decide({ range: 'bytes=-5' })).toEqual(partial(995, 999));
  });

  it('clips a last position beyond the end, and a suffix longer than the file (§14.1.2, §14.1.3)', () => {
    expect(decide({ range: 'bytes=900-99999999999999999999' })).toEqual(partial(900, 999));
    expect(decide({ range: 'bytes=-5000' })).toEqual(partial(0, 999));
    expect(decide({ range: 'bytes=-99999999999999999999999' })).toEqual(partial(0, 999));
    expect(decide({ range: 'bytes=0-0, -5000' })).toEqual(partial(0, 999));
  });

  it('compares the range unit case-insensitively (§14.1)', () => {
    expect(decide({ range: 'Bytes=0-1' })).toEqual(partial(0, 1));
  });

  it('ignores Range on any method but GET, HEAD included (§14.2)', () => {
    expect(decide({ range: 'bytes=0-9' }, 'HEAD')).toEqual({ kind: 'whole' });
  });

  it('answers 416 when no range overlaps the file (§15.5.17)', () => {
    expect(decide({ range: 'bytes=1000-' })).toEqual({ kind: 'unsatisfiable' });
    expect(decide({ range: 'bytes=5000-6000' })).toEqual({ kind: 'unsatisfiable' });
    expect(decide({ range: 'bytes=-0' })).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores a Range that is not a ranges-specifier, or names another unit (§14.2)', () => {
    for (const range of ['bytes=', 'bytes=-', 'bytes=--5', 'bytes=0x10-20', 'pages', 'items=0-1', 'items=5000-6000', '=0-1']) expect(decide({ range }), range).toEqual({ kind: 'whole' });
  });

  it('serves several disjoint ranges as the whole file, and coalesces overlapping ones (§14.2)', () => {
    expect(decide({ range: 'bytes=0-1,5-6' })).toEqual({ kind: 'whole' });
    expect(decide({ range: 'bytes=0-5, 3-9' })).toEqual(partial(0, 9));
    // Only the satisfiable part of a set counts (§14.1.1).
    expect(decide({ range: 'bytes=0-1,5000-6000' })).toEqual(partial(0, 1));
  });

  it('survives a huge Range header of many tiny ranges without serving them', () => {
    const range = `bytes=${Array.from({ length: 2000 }, (_, i) => `${i * 2}-${i * 2}`).join(',')}`;
    expect(decideRange('GET', headers({ range }), 10_000, ETAG)).toEqual({ kind: 'whole' });
  });

  it('applies Range only when If-Range is our strong ETag (§13.1.5)', () => {
    expect(decide({ range: 'bytes=0-9', 'if-range': ETAG })).toEqual(partial(0, 9));
    expect(decide({ range: 'bytes=0-9', 'if-range': '"other"' })).toEqual({ kind: 'whole' });
    expect(decide({ range: 'bytes=0-9', 'if-range': `W/${ETAG}` })).toEqual({ kind: 'whole' });
    expect(decide({ range: 'bytes=0-9', 'if-range': 'Tue, 01 Dec 2026 05:00:00 GMT' })).toEqual({ kind: 'whole' });
  });
});

describe('If-Range comparison', () => {
  it('is strong: weak tags never match, not even themselves (§8.8.3.2)', () => {
    expect(ifRangeMatches('"a"', '"a"')).toBe(true);
    expect(ifRangeMatches(' "a" ', '"a"')).toBe(true);
    expect(ifRangeMatches('W/"a"', '"a"')).toBe(false);
    expect(ifRangeMatches('W/"a"', 'W/"a"')).toBe(false);
    expect(ifRangeMatches('"a"', '"b"')).toBe(false);
  });
});

describe('Content-Range', () => {
  it('names the range and the complete length, or only the length for a 416 (§14.4)', () => {
    expect(contentRange({ start: 0, end: 9 }, 1000)).toBe('bytes 0-9/1000');
    expect(unsatisfiedRange(1000)).toBe('bytes */1000');
  });
});

describe('respondWithBytes', () => {
  const bytes = Uint8Array.from({ length: SIZE }, (_, i) => i % 251);
  const opened: (ByteRange | undefined)[] = [];
  const rep: ByteRepresentation = {
    etag: ETAG,
    contentType: 'image/png',
    size: SIZE,
    policy: 'immutable',
    headers: { 'x-content-type-options': 'nosniff' },
    async open(range) {
      opened.push(range);
      const slice = range ? bytes.slice(range.start, range.end + 1) : bytes;
      return new Response(slice).body!;
    },
    async check() {},
  };
  const answer = (h: Record<string, string> = {}, method = 'GET') => respondWithBytes(new Request('http://x/f', { method, headers: h }), rep);

  it('answers 200 with the whole file and every header', async () => {
    const res = await answer();
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': '1000',
      'accept-ranges': 'bytes',
      etag: ETAG,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it('answers 206 with the exact bytes and Content-Range', async () => {
    const res = await answer({ range: 'bytes=10-19' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(res.headers.get('content-length')).toBe('10');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(10, 20));
  });

  it('answers 304 to a matching If-None-Match before looking at Range (§13.2.2), without opening the file', async () => {
    opened.length = 0;
    const res = await answer({ 'if-none-match': `W/${ETAG}`, range: 'bytes=0-1' });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(ETAG);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.has('content-length')).toBe(false);
    expect(res.body).toBeNull();
    expect(opened).toEqual([]);
  });

  it('answers 416 as an uncached problem with the complete length', async () => {
    const res = await answer({ range: 'bytes=5000-' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 416, title: 'Range Not Satisfiable' });
  });

  it('answers HEAD with the headers of the whole file and never opens it', async () => {
    opened.length = 0;
    const res = await answer({ range: 'bytes=0-9' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.body).toBeNull();
    expect(opened).toEqual([]);
  });
});
