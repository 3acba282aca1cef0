// The /api/changes cursor (lib/api/changes.ts): opaque base64url JSON, decoded strictly, so a
// cursor is either exactly one the API issued or a 400.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesQuerySchema, changesUrl, decodeChangesCursor, encodeChangesCursor, SYNC_TYPES, type ChangesCursor } from '@/lib/api/changes';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const cursorArb: fc.Arbitrary<ChangesCursor> = fc
  .record({ p: fc.nat(), extra: fc.option(fc.nat(), { nil: undefined }), t: fc.option(fc.constantFrom(...SYNC_TYPES), { nil: undefined }) })
  .map(({ p, extra, t }) => ({ v: 1 as const, p, ...(extra !== undefined ? { h: p + extra } : {}), ...(t ? { t } : {}) }));

describe('changes cursor', () => {
  it('round-trips every cursor, URL-safe and short', () => {
    fc.assert(
      fc.property(cursorArb, (cursor) => {
        const encoded = encodeChangesCursor(cursor);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(encoded.length).toBeLessThan(200);
        expect(decodeChangesCursor(encoded)).toEqual(cursor);
      }),
    );
  });

  it('encodes one cursor one way, whatever the key order it was built in', () => {
    expect(encodeChangesCursor({ t: 'post', p: 3, v: 1 } as ChangesCursor)).toBe(encodeChangesCursor({ v: 1, p: 3, t: 'post' }));
  });

  it('refuses anything it did not issue', () => {
    const refused = [
      '',
      'not a cursor',
      'a+b/c=',
      b64('[1]'),
      b64('null'),
      b64('{"v":1,"p":1'),
      b64({ v: 1 }),
      b64({ v: 2, p: 1 }),
      b64({ v: 1, p: -1 }),
      b64({ v: 1, p: 0.5 }),
      b64({ v: 1, p: '1' }),
      b64({ v: 1, p: 2 ** 60 }),
      b64({ v: 1, p: 1, t: 'page' }),
      b64({ v: 1, p: 1, extra: true }),
      b64({ v: 1, p: 9, h: 8 }), // a snapshot cursor never passes its head
      b64({ p: 1, v: 1 }), // the same cursor, not as the API spells it
      `${encodeChangesCursor({ v: 1, p: 1 })}A`,
      'A'.repeat(201),
    ];
    for (const value of refused) expect(decodeChangesCursor(value), value).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => void decodeChangesCursor(s)));
    fc.assert(fc.property(fc.json(), (j) => void decodeChangesCursor(b64(j))));
  });
});

describe('changes query', () => {
  it('defaults limit to 100 and bounds it to 1–500', () => {
    expect(changesQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(changesQuerySchema.parse({ limit: '500', type: 'event' })).toEqual({ limit: 500, type: 'event' });
    for (const limit of ['0', '501', '1.5', 'x', '']) expect(changesQuerySchema.safeParse({ limit }).success, limit).toBe(false);
    expect(changesQuerySchema.safeParse({ type: 'page' }).success).toBe(false);
  });

  it('writes page URLs in one canonical form', () => {
    expect(changesUrl('https://g.example', { limit: 100 }, null)).toBe('https://g.example/api/changes');
    expect(changesUrl('https://g.example', { limit: 5, type: 'post' }, 'abc')).toBe('https://g.example/api/changes?limit=5&type=post&cursor=abc');
  });
});
