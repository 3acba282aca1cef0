// What the /api/changes suites share: a partner's mirror kept only from /api/changes, and the
// state the read API serves, to compare it with. Both keyed by `{type}:{id}`.
import { expect } from 'vitest';
import type { ChangesPageDoc } from '@/lib/api/changes';

export type Doc = Record<string, unknown>;

export interface Mirror {
  type?: string;
  cursor: string | null;
  items: Map<string, Doc>;
  /** The last position applied: every page must continue strictly after it. */
  position: number;
}

export const newMirror = (type?: string): Mirror => ({ ...(type ? { type } : {}), cursor: null, items: new Map(), position: 0 });

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

export function changesPath(params: { limit?: number; type?: string | undefined; cursor?: string | null }): string {
  const q = new URLSearchParams();
  if (params.limit !== undefined) q.set('limit', String(params.limit));
  if (params.type) q.set('type', params.type);
  if (params.cursor) q.set('cursor', params.cursor);
  const s = q.toString();
  return `/api/changes${s ? `?${s}` : ''}`;
}

/**
 * Sync as a partner does: from the stored cursor (none the first time), follow `next_cursor`
 * while `has_more`, applying upserts and deletions; store the last `next_cursor`. Checks on the
 * way what every page promises: position order, the type filter, Link iff has_more, immutable
 * iff has_more. Returns the number of pages and records read.
 */
export async function syncMirror(base: string, mirror: Mirror, limit?: number): Promise<{ pages: number; records: number }> {
  let pages = 0;
  let records = 0;
  // A first sync's snapshot starts over: positions restart within it.
  if (mirror.cursor === null) mirror.position = 0;
  for (;;) {
    const path = changesPath({ limit, type: mirror.type, cursor: mirror.cursor });
    const res = await fetch(base + path);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    const page = (await res.json()) as ChangesPageDoc;
    pages++;
    for (const r of page.data) {
      expect(r.position, 'positions only grow').toBeGreaterThan(mirror.position);
      mirror.position = r.position;
      if (mirror.type) expect(r.type).toBe(mirror.type);
      const key = `${r.type}:${r.id}`;
      if (r.op === 'upsert') mirror.items.set(key, r.document as Doc);
      else mirror.items.delete(key);
      records++;
    }
    expect(typeof page.next_cursor).toBe('string');
    const link = res.headers.get('link');
    if (page.has_more) {
      // Full pages are immutable, but a page without a cursor is the snapshot at this moment's head.
      if (mirror.cursor === null) expect(res.headers.get('cache-control')).toMatch(/^public, max-age=30, s-maxage=60/);
      else expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(link).toBe(`<${page.links.next}>; rel="next"`);
      expect(pathOf(page.links.next!)).toBe(changesPath({ limit: limit === 100 ? undefined : limit, type: mirror.type, cursor: page.next_cursor }));
    } else {
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=30, s-maxage=60/);
      expect(link).toBeNull();
      expect(page.links.next).toBeNull();
    }
    mirror.cursor = page.next_cursor;
    if (!page.has_more) return { pages, records };
  }
}

/** Every published item as the read API serves it: posts one by one, the changelog feed's items, the events list. */
export async function readApiState(base: string): Promise<{ items: Map<string, Doc>; eventWindowStart: Date }> {
  const items = new Map<string, Doc>();
  const json = async (path: string) => {
    const res = await fetch(base + path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Doc;
  };
  let next: string | null = '/api/posts?limit=100';
  while (next) {
    const list = (await json(next)) as { data: { slug: string }[]; links: { next: string | null } };
    for (const summary of list.data) {
      const post = await json(`/api/posts/${summary.slug}`);
      items.set(`post:${String(post.id)}`, post);
    }
    next = list.links.next ? pathOf(list.links.next) : null;
  }
  next = '/api/changelog.json';
  while (next) {
    const feed = (await json(next)) as { items: Doc[]; next_url?: string };
    for (const item of feed.items) items.set(`changelog:${String(item.id).replace(/^urn:uuid:/, '')}`, item);
    next = feed.next_url ? pathOf(feed.next_url) : null;
  }
  const events = (await json('/api/events')) as { data: Doc[] };
  for (const e of events.data) items.set(`event:${String(e.id)}`, e);
  // /api/events lists upcoming events and those of the last 30 days (lib/content/events.ts).
  return { items, eventWindowStart: new Date(Date.now() - 30 * 86_400_000) };
}

/**
 * The mirror holds exactly what the read API serves: posts and changelog entries equal, and
 * events equal where the list shows them (it leaves out those that ended over 30 days ago).
 */
export function expectMirrorMatches(mirror: Map<string, Doc>, api: { items: Map<string, Doc>; eventWindowStart: Date }, types = ['post', 'changelog', 'event']): void {
  const of = (m: Map<string, Doc>, type: string) => new Map([...m].filter(([k]) => k.startsWith(`${type}:`)));
  for (const type of types) {
    const mine = of(mirror, type);
    const theirs = of(api.items, type);
    if (type === 'event') {
      for (const [key, doc] of theirs) expect(mine.get(key), `${key} is in the mirror as the list shows it`).toEqual(doc);
      for (const [key, doc] of mine) if (!theirs.has(key)) expect(new Date(String(doc.end)) < api.eventWindowStart, `${key} is in the mirror but not listed`).toBe(true);
    } else {
      expect([...mine.keys()].sort(), `the ${type} items`).toEqual([...theirs.keys()].sort());
      for (const [key, doc] of theirs) expect(mine.get(key), key).toEqual(doc);
    }
  }
}
