// Feeds and calendars against the production server, parsed by real consumers.
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import Parser from 'rss-parser';
import request from 'supertest';
import { getText } from '../helpers/text-get';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedChangelog, seedEvents, seedPosts } from '@/db/seed/content';
import { seedCoverKey, stableUuid } from '@/db/seed';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { testAuthorId } from '../helpers/authors';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const published = seedPosts.filter((p) => p.status === 'published');
const rssParser = new Parser();
const jsonFeedSchema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../helpers/jsonfeed-1.1.schema.json'), 'utf8'));

function validateJsonFeed(body: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(jsonFeedSchema);
  validate(body);
  expect(validate.errors ?? []).toEqual([]);
}

const get = (p: string, accept?: string) => getText(server.url, p, accept);

const FEEDS: [string, RegExp][] = [
  ['/feed.xml', /^application\/rss\+xml; charset=utf-8$/],
  ['/atom.xml', /^application\/atom\+xml; charset=utf-8$/],
  ['/feed.json', /^application\/feed\+json; charset=utf-8$/],
  ['/api/changelog.json', /^application\/feed\+json; charset=utf-8$/],
  ['/changelog.xml', /^application\/rss\+xml; charset=utf-8$/],
  ['/api/events.ics', /^text\/calendar; charset=utf-8$/],
  ['/api/events', /^application\/json$/],
];

describe('HTTP rules on every feed', () => {
  for (const [p, type] of FEEDS) {
    it(`${p}: validators, cache policy, 304, HEAD, 405`, async () => {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers.etag).toMatch(/^W\/"/);
      expect(res.headers['last-modified']).toBeDefined();
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
      expect(res.headers.vary).toMatch(/Accept/);
      const again = await get(p);
      expect(again.headers.etag, 'no "now" in the bytes').toBe(res.headers.etag);
      expect(again.body).toBe(res.body);
      const notModified = await request(server.url).get(p).set('If-None-Match', res.headers.etag!);
      expect(notModified.status).toBe(304);
      expect(notModified.headers['cache-control']).toBe(res.headers['cache-control']);
      const ims = await request(server.url).get(p).set('If-Modified-Since', res.headers['last-modified']!);
      expect(ims.status).toBe(304);
      const head = await request(server.url).head(p);
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(res.headers.etag);
      expect(head.text ?? '').toBe('');
      const post = await request(server.url).post(p);
      expect(post.status).toBe(405);
      expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    });
  }
});

describe('posts feeds', () => {
  it('RSS 2.0 is well-formed and parses with rss-parser', async () => {
    const res = await get('/feed.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = await rssParser.parseString(res.body);
    expect(feed.items.length).toBe(Math.min(50, published.length));
    const first = feed.items[0]!;
    expect(first.link).toMatch(new RegExp(`^${server.url}/posts/`));
    expect(first.guid).toMatch(/^urn:uuid:/);
    expect(first.categories?.length).toBeGreaterThan(0);
    expect(res.body).toContain('<content:encoded>');
    expect(res.body).toMatch(/<atom:link[^>]+rel="self"/);
    const unicode = seedPosts.find((p) => /[^\x00-\x7f]/.test(p.title))!;
    expect(feed.items.map((i) => i.title)).toContain(unicode.title);
  });

  it('Atom 1.0 is well-formed, parses, and every entry has an author', async () => {
    const res = await get('/atom.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = await rssParser.parseString(res.body);
    expect(feed.items.length).toBeGreaterThan(20);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(res.body);
    const entries = xml.feed.entry as { author?: { name: string }; id: string; published: string; updated: string }[];
    for (const e of entries) {
      expect(e.author?.name).toBeTruthy();
      expect(e.id).toMatch(/^urn:uuid:/);
      expect(e.published).toBeTruthy();
    }
  });

  it('JSON Feed 1.1 validates', async () => {
    const res = await get('/feed.json');
    const body = JSON.parse(res.body);
    validateJsonFeed(body);
    expect(body.version).toBe('https://jsonfeed.org/version/1.1');
    expect(body.items[0].authors[0].name).toBeTruthy();
    expect(body.language).toBe('en');
  });

  it('narrows by ?tag= and rejects unknown tags', async () => {
    const res = await get('/feed.json?tag=calendars');
    const body = JSON.parse(res.body);
    expect(body.items.length).toBe(published.filter((p) => p.tags.includes('calendars')).length);
    for (const item of body.items) expect(item.tags).toContain('calendars');
    expect((await get('/feed.xml?tag=nope-nope')).status).toBe(400);
    expect((await get('/feed.xml?cursor=garbage')).status).toBe(400);
  });

  it('answers feed readers that ask for application/xml or text/xml, each with its own ETag', async () => {
    const rss = await get('/feed.xml');
    const xml = await get('/feed.xml', 'text/xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.headers.etag).not.toBe(rss.headers.etag);
    expect((await get('/feed.xml', 'application/json')).status).toBe(406);
  });

  it('pages back through the whole history (JSON Feed next_url, RFC 5005 rel="next")', async () => {
    const { posts } = await import('@/db/schema');
    const authorId = await testAuthorId(server.handle.db);
    const extra = Array.from({ length: 60 }, (_, i) => ({
      slug: `history-${i}`,
      title: `History ${i}`,
      authorId,
      status: 'published' as const,
      publishedAt: new Date(Date.UTC(2019, 0, 1 + i)),
    }));
    const { postTags } = await import('@/db/schema');
    const rows = await server.handle.db.insert(posts).values(extra).returning({ id: posts.id });
    // Tagged with a tag no earlier test asked for, so no page of this walk is cached yet.
    await server.handle.db.insert(postTags).values(rows.map((r) => ({ postId: r.id, tagSlug: 'postgres' })));
    const atom = await get('/atom.xml?tag=postgres');
    expect(atom.body).toMatch(/<link[^>]*rel="next"/);
    const seen = new Set<string>();
    let url: string | undefined = `${server.url}/feed.json?tag=postgres`;
    let pages = 0;
    while (url && pages < 10) {
      const res = await get(new URL(url).pathname + new URL(url).search);
      const body = JSON.parse(res.body);
      validateJsonFeed(body);
      for (const item of body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      url = body.next_url;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    const { inArray } = await import('drizzle-orm');
    const ids = await server.handle.db.select({ id: posts.id }).from(posts).where(inArray(posts.slug, extra.map((p) => p.slug)));
    for (const { id } of ids) expect(seen.has(`urn:uuid:${id}`)).toBe(true);
    expect(seen.size).toBe(published.filter((p) => p.tags.includes('postgres')).length + extra.length);
  });
});

describe('changelog', () => {
  it('is JSON Feed 1.1 with the _gazette extension, also for Accept: application/json', async () => {
    const res = await get('/api/changelog.json');
    const body = JSON.parse(res.body);
    validateJsonFeed(body);
    const expected = seedChangelog.filter((c) => c.status === 'published');
    expect(body.items).toHaveLength(expected.length);
    const categories = new Set(body.items.map((i: { _gazette: { category: string } }) => i._gazette.category));
    expect([...categories].sort()).toEqual(['added', 'changed', 'deprecated', 'fixed', 'removed', 'security']);
    for (const item of body.items) expect(item._gazette).toHaveProperty('version');
    const asJson = await get('/api/changelog.json', 'application/json');
    expect(asJson.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(asJson.body).toBe(res.body);
    expect(asJson.headers.etag).not.toBe(res.headers.etag);
  });

  it('is RSS 2.0 too', async () => {
    const res = await get('/changelog.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const feed = await rssParser.parseString(res.body);
    expect(feed.items.length).toBe(seedChangelog.filter((c) => c.status === 'published').length);
  });
});

describe('events', () => {
  const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

  it('the calendar is RFC 5545: CRLF, lines of at most 75 octets, stable DTSTAMP', async () => {
    const a = await get('/api/events.ics');
    const b = await get('/api/events.ics');
    expect(a.body).toBe(b.body);
    expect(a.body.endsWith('\r\n')).toBe(true);
    expect(a.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of a.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const text = unfold(a.body);
    for (const p of ['VERSION:2.0', 'METHOD:PUBLISH', 'PRODID:', 'REFRESH-INTERVAL;VALUE=DURATION:', 'X-PUBLISHED-TTL:', 'X-WR-CALNAME:', 'NAME:']) {
      expect(text).toContain(p);
    }
  });

  it('parses in ical.js and node-ical with stable UIDs, sequences, statuses and DST-correct instants', async () => {
    const res = await get('/api/events.ics');
    const comp = new ICAL.Component(ICAL.parse(res.body));
    const vevents = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const shown = seedEvents.filter((e) => e.published);
    expect(vevents).toHaveLength(shown.length);
    const byUid = new Map(vevents.map((v) => [v.uid, v]));
    for (const e of shown) {
      const id = stableUuid(`event:${e.key}`);
      const v = byUid.get(`${id}@gazette`);
      expect(v, e.key).toBeDefined();
      expect(v!.sequence).toBe(e.sequence);
      expect(v!.summary).toBe(e.title);
      expect(v!.description).toBe(e.description);
      expect(v!.location).toBe(e.location);
      expect(v!.component.getFirstPropertyValue('status')).toBe(e.status.toUpperCase());
      if (e.allDay) {
        expect(v!.startDate.isDate).toBe(true);
        expect(v!.startDate.toString()).toBe(e.start);
      }
    }
    const ny = seedEvents.find((e) => e.timeZone === 'America/New_York' && e.start.startsWith('2027-03-13'));
    if (ny) {
      const v = byUid.get(`${stableUuid(`event:${ny.key}`)}@gazette`)!;
      expect(v.startDate.toJSDate().toISOString()).toBe('2027-03-14T03:00:00.000Z');
      expect(v.endDate.toJSDate().toISOString()).toBe('2027-03-14T08:00:00.000Z');
    }
    const parsed = nodeIcal.sync.parseICS(res.body);
    const nodeEvents = Object.values(parsed).filter((c) => c?.type === 'VEVENT');
    expect(nodeEvents).toHaveLength(shown.length);
  });

  it('/api/events lists upcoming and recent events as JSON', async () => {
    const res = await request(server.url).get('/api/events');
    expect(res.status).toBe(200);
    expect(res.body.links.webcal).toMatch(/^webcal:\/\//);
    const starts = res.body.data.map((e: { start: string }) => e.start);
    expect([...starts].sort()).toEqual(starts);
    for (const e of res.body.data) expect(e.links.ics).toMatch(/\/api\/events\/[0-9a-f-]+\.ics$/);
  });

  it('/api/events/{id}.ics is one event as an attachment; unknown ids 404', async () => {
    const list = await request(server.url).get('/api/events');
    const ev = list.body.data[0];
    const res = await get(new URL(ev.links.ics).pathname);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.ics"; filename\*=UTF-8''/);
    const comp = new ICAL.Component(ICAL.parse(res.body));
    expect(comp.getAllSubcomponents('vevent')).toHaveLength(1);
    expect((await request(server.url).get(`/api/events/${stableUuid('nope')}.ics`)).status).toBe(404);
    expect((await request(server.url).get('/api/events/not-an-id.ics')).status).toBe(404);
  });
});

describe('pages and metadata routes', () => {
  it('HTML pages carry feed autodiscovery links', async () => {
    for (const p of ['/', '/changelog', '/events', `/posts/${published[0]!.slug}`]) {
      const res = await request(server.url).get(p);
      expect(res.text, p).toMatch(/<link rel="alternate" type="application\/rss\+xml" href="(http:\/\/[^"]+)?\/feed.xml" title="[^"]*"\/>/);
      expect(res.text, p).toMatch(/type="application\/atom\+xml"/);
      expect(res.text, p).toMatch(/type="application\/feed\+json"/);
    }
  });

  it('/events has a webcal:// subscribe link and per-event downloads; /changelog lists entries', async () => {
    const events = await request(server.url).get('/events');
    expect(events.text).toMatch(/href="webcal:\/\/[^"]+\/api\/events\.ics"/);
    expect(events.text).toMatch(/href="\/api\/events\/[0-9a-f-]+\.ics"/);
    const changelog = await request(server.url).get('/changelog');
    expect(changelog.text).toContain(seedChangelog.find((c) => c.status === 'published')!.title);
  });

  it('/sitemap.xml lists the posts, /robots.txt points at it', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(XMLValidator.validate(sitemap.body)).toBe(true);
    expect(sitemap.body).toContain(`/posts/${published[0]!.slug}</loc>`);
    const robots = await request(server.url).get('/robots.txt');
    expect(robots.text).toMatch(/Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);
  });

  it('a post without a cover has a generated Open Graph image', async () => {
    // Posts with a cover name the cover instead (tests/integration/media-covers.test.ts).
    const uncovered = published.find((p) => seedCoverKey(p) === null)!;
    const page = await request(server.url).get(`/posts/${uncovered.slug}`);
    const og = /<meta property="og:image" content="([^"]+)"/.exec(page.text);
    expect(og).not.toBeNull();
    const img = await request(server.url).get(new URL(og![1]!.replace(/&amp;/g, '&')).pathname + new URL(og![1]!.replace(/&amp;/g, '&')).search);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
  });
});
