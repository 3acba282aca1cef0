// Search excerpts (lib/content/search-excerpt.ts) and queries (lib/api/search.ts): the only
// markup an excerpt can carry is the <mark> made from ts_headline's sentinels.
import { describe, expect, it } from 'vitest';
import { decodeCursor } from '@/lib/api/posts';
import { decodeSearchCursor, encodeSearchCursor, normaliseQuery, queryFingerprint, searchQuerySchema } from '@/lib/api/search';
import { excerptDocument, excerptParts, HIGHLIGHT_START as S, HIGHLIGHT_STOP as E } from '@/lib/content/search-excerpt';

const html = (headline: string) => excerptDocument(excerptParts(headline)).html;

describe('search excerpts', () => {
  it('wraps each sentinel-delimited match in <mark> and keeps the rest as text', () => {
    expect(excerptDocument(excerptParts(`${S}Postgres${E} ${S}full${E}-${S}text${E} search`))).toEqual({
      text: 'Postgres full-text search',
      html: '<mark>Postgres</mark> <mark>full</mark>-<mark>text</mark> search',
    });
  });

  it('escapes every character of the post, inside and outside a match', () => {
    expect(html(`a <script>alert("x")</script> & ${S}<b>${E} 'q'`)).toBe(
      'a &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; <mark>&#60;b&#62;</mark> &#39;q&#39;',
    );
    // The post's own <mark> is text, not a highlight.
    expect(html('<mark>not ours</mark>')).toBe('&#60;mark&#62;not ours&#60;/mark&#62;');
  });

  it('never trusts stray or nested sentinels: every <mark> is closed, none is nested', () => {
    for (const headline of [`${E}a${S}b`, `${S}${S}a${E}${E}`, `${S}open to the end`, `${E}${E}x`, `${S}${E}`, `${S}a${S}b${E}c${E}`]) {
      const out = html(headline);
      expect(out.match(/<mark>/g)?.length ?? 0, headline).toBe(out.match(/<\/mark>/g)?.length ?? 0);
      expect(out, headline).not.toMatch(/<mark>[^<]*<mark>/);
      expect(out.replace(/<\/?mark>/g, ''), headline).not.toMatch(/[<>]/);
      expect(out, headline).not.toMatch(new RegExp(`[${S}${E}]`));
    }
    expect(html(`${S}open to the end`)).toBe('<mark>open to the end</mark>');
  });

  it('collapses white space (Markdown line breaks, code indentation) to single spaces', () => {
    expect(excerptDocument(excerptParts('  one\n\n  two\tthree  ')).text).toBe('one two three');
  });
});

describe('search queries', () => {
  it('normalise to one cache key: NFKC, lower case, single spaces', () => {
    expect(normaliseQuery('  Ｐｏｓｔｇｒｅｓ \n  FULL\u3000text ')).toBe('postgres full text');
    expect(normaliseQuery('ﬁle')).toBe('file');
  });

  it('refuse a missing, empty, over-long or control-character query', () => {
    const reasons = (raw: Record<string, string>) => {
      const r = searchQuerySchema.safeParse(raw);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    };
    expect(reasons({})).toEqual(['q: is required']);
    expect(reasons({ q: ' \t ' })).toContain('q: must not contain control characters');
    expect(reasons({ q: '   ' })).toEqual(['q: must not be empty']);
    expect(reasons({ q: 'x'.repeat(201) })).toEqual(['q: must be at most 200 characters']);
    expect(reasons({ q: 'a\u0000b' })).toEqual(['q: must not contain control characters']);
    expect(reasons({ q: 'a\u009fb' })).toEqual(['q: must not contain control characters']);
    expect(reasons({ q: '👩‍💻 & "quotes" -not (' })).toEqual([]);
    expect(reasons({ q: 'x', limit: '0' })).toEqual(['limit: must be a whole number from 1 to 50']);
  });

  it('issue cursors that only their own query accepts, and refuse tampered ones', () => {
    const q = 'postgres';
    const cursor = encodeSearchCursor({ r: '0.1', t: '2026-07-28T09:00:00.000000Z', i: '00000000-0000-4000-8000-000000000000', h: queryFingerprint(q) });
    expect(decodeSearchCursor(cursor, q)).toMatchObject({ r: '0.1' });
    expect(decodeSearchCursor(cursor, 'other')).toBe('other-query');
    for (const bad of ['', 'not a cursor', `${cursor}x`, Buffer.from('{"r":"1;drop","t":"x","i":"y","h":"z"}').toString('base64url')]) {
      expect(decodeSearchCursor(bad, q), bad).toBe('invalid');
    }
  });

  it('refuses cursors whose values PostgreSQL would reject (a 500 otherwise): rank out of float8, year 0000, offset past ±15:59', () => {
    const q = 'postgres';
    const forge = (over: Record<string, string>) =>
      encodeSearchCursor({ r: '0.1', t: '2026-07-28T09:00:00.000000Z', i: '00000000-0000-4000-8000-000000000000', h: queryFingerprint(q), ...over });
    const forged: Record<string, string>[] = [{ r: '1e999' }, { r: '1e-999' }, { t: '0000-01-01T00:00:00.000000Z' }, { t: '2026-07-28T09:00:00.000000+23:00' }];
    for (const over of forged) {
      expect(decodeSearchCursor(forge(over), q), JSON.stringify(over)).toBe('invalid');
    }
    const posts = (t: string) => Buffer.from(JSON.stringify({ t, i: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expect(decodeCursor(posts('0000-01-01T00:00:00.000Z'))).toBeUndefined();
    expect(decodeCursor(posts('2026-01-01T00:00:00.000+16:00'))).toBeUndefined();
    expect(decodeCursor(posts('2026-01-01T00:00:00.000+15:00'))).toBeDefined();
  });
});
