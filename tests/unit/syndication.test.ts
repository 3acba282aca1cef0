// The syndication serialisers, read back by real consumers: fast-xml-parser (well-formedness and
// structure), rss-parser (what feed readers see) and Ajv with a JSON Feed 1.1 schema.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import schema from '@/tests/helpers/jsonfeed-1.1.schema.json';
import { renderAtom, renderJsonFeed, renderRss } from '@/lib/feeds/syndication';
import type { FeedItem, FeedMeta } from '@/lib/feeds/types';

const LONG = 'long line '.repeat(1000); // 10,000 characters, no newline
const CONTROL = '\u0000\u0008\u001F\uFFFE';

const meta: FeedMeta = {
  id: 'https://gazette.example/',
  title: 'Gazette & <Friends> — Ünïcödé 📰',
  description: 'News & views',
  homePageUrl: 'https://gazette.example/',
  selfUrl: 'https://gazette.example/feed.xml?lang=en&page=1',
  language: 'en-GB',
  updated: null,
  author: { name: 'Gazette Desk', url: 'https://gazette.example/about' },
  hubUrl: 'https://hub.example/',
  paging: {
    first: 'https://gazette.example/feed.xml?lang=en&page=1',
    next: 'https://gazette.example/feed.xml?lang=en&page=2',
    previous: 'https://gazette.example/feed.xml?lang=en&page=0',
  },
  icon: 'https://gazette.example/icon.png',
};

const awkward: FeedItem = {
  id: 'tag:gazette.example,2020:post/1',
  url: 'https://gazette.example/posts/awkward',
  title: `Café ☕ 🎉 Tom & Jerry <b>bold</b> ]]> end ]]>${CONTROL} &amp; literal`,
  summary: `x < y & z ]]>${CONTROL}\uD800`,
  contentHtml: `<p>Ünïcödé 🚀</p><script>alert("pwned")</script><p>a ]]> b ]]> c</p><pre>${LONG}</pre>`,
  authors: [],
  categories: ['Local news', 'Q&A <misc>'],
  published: new Date('2020-03-01T09:00:00Z'),
  updated: new Date('2020-03-02T10:30:00Z'),
  extensions: { _gazette: { readingMinutes: 3, section: 'local' } },
};

const permalinked: FeedItem = {
  id: 'https://gazette.example/posts/second',
  url: 'https://gazette.example/posts/second',
  title: 'Second',
  summary: 'Plain summary',
  contentHtml: '<p>Body</p>',
  authors: [{ name: 'Ada Lovelace', url: 'https://ada.example/' }, { name: `Grace ${CONTROL}Hopper` }],
  categories: ['Science'],
  published: new Date('2020-02-01T08:00:00Z'),
  updated: new Date('2020-02-01T08:00:00Z'),
};

const items = [awkward, permalinked];
const cleanTitle = 'Café ☕ 🎉 Tom & Jerry <b>bold</b> ]]> end ]]> &amp; literal';
// Everything XML 1.0 §2.2 forbids, as it could appear in output if something leaked through.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/u;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'atom:link', 'link', 'category', 'dc:creator', 'author'].includes(name) });
type Node = Record<string, unknown>;
const arr = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : []);
const text = (v: unknown): string => (typeof v === 'object' && v !== null ? String((v as Node)['#text'] ?? '') : String(v ?? ''));
const rels = (links: unknown) => Object.fromEntries(arr(links).map((l) => [String(l['@rel'] ?? 'alternate'), l['@href']]));

/** True when `tree` has an element named `name` anywhere: a <script> must never become one. */
function hasElement(tree: unknown, name: string): boolean {
  if (typeof tree !== 'object' || tree === null) return false;
  return Object.entries(tree).some(([k, v]) => k === name || hasElement(v, name));
}

function expectWellFormed(doc: string) {
  expect(XMLValidator.validate(doc)).toBe(true);
  expect(doc).not.toMatch(XML_INVALID);
  expect(doc).not.toContain('<script');
  expect(doc).not.toContain('<![CDATA['); // nothing for a "]]>" to break out of
}

describe('renderRss (RSS 2.0)', () => {
  const out = renderRss(meta, items);

  it('is well-formed XML with the namespaces it uses declared', () => {
    expectWellFormed(out);
    const root = xml.parse(out).rss as Node;
    expect(root['@version']).toBe('2.0');
    expect(root['@xmlns:atom']).toBe('http://www.w3.org/2005/Atom');
    expect(root['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(root['@xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
  });

  it('reads back in rss-parser with clean titles, content, summaries, categories and creators', async () => {
    const feed = await new Parser().parseString(out);
    expect(feed.title).toBe(meta.title);
    expect(feed.link).toBe(meta.homePageUrl);
    expect(feed.feedUrl).toBe(meta.selfUrl); // the first atom:link is rel="self"
    expect(feed.items.map((i) => i.title)).toEqual([cleanTitle, 'Second']);
    const [a, b] = feed.items;
    expect(a?.guid).toBe(awkward.id);
    expect(b?.guid).toBe(permalinked.id);
    expect(a?.['content:encoded']).toBe(awkward.contentHtml); // HTML arrives as text, byte for byte
    expect(a?.['content:encoded']).toContain('<script>alert("pwned")</script>');
    expect(a?.['content:encoded']).toContain(LONG);
    expect(a?.contentSnippet).toBe('x < y & z ]]>'); // <description> is HTML: the plain summary is HTML-escaped
    expect(a?.categories).toEqual(['Local news', 'Q&A <misc>']);
    expect(b?.categories).toEqual(['Science']);
    expect(a?.creator).toBe('Gazette Desk'); // no item author → the feed author
    expect(b?.creator).toBe('Ada Lovelace');
    expect(a?.isoDate).toBe('2020-03-01T09:00:00.000Z'); // pubDate = published
    expect(feed.paginationLinks).toMatchObject({ self: meta.selfUrl, first: meta.paging?.first, next: meta.paging?.next });
  });

  it('marks guids as permalinks only when the id is the URL, and writes one dc:creator per author', () => {
    const channel = xml.parse(out).rss.channel as Node;
    const [a, b] = arr(channel.item);
    expect(a?.guid).toEqual({ '#text': awkward.id, '@isPermaLink': 'false' });
    expect(b?.guid).toEqual({ '#text': permalinked.id, '@isPermaLink': 'true' });
    expect(arr(b?.['dc:creator']).map(text)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(b?.author).toBeUndefined(); // RSS <author> must be an e-mail address
    expect(hasElement(channel, 'script')).toBe(false);
  });

  it('has self, hub and RFC 5005 paging links before the items', () => {
    const channel = xml.parse(out).rss.channel as Node;
    expect(rels(channel['atom:link'])).toEqual({
      self: meta.selfUrl,
      hub: meta.hubUrl,
      first: meta.paging?.first,
      previous: meta.paging?.previous,
      next: meta.paging?.next,
    });
    expect(out.lastIndexOf('<atom:link')).toBeLessThan(out.indexOf('<item>'));
    expect(channel.language).toBe('en-GB');
  });

  it('omits optional links when not configured, and anchors paging links in an empty feed', () => {
    const bare = renderRss({ ...meta, hubUrl: undefined, paging: undefined }, items);
    expect(Object.keys(rels(xml.parse(bare).rss.channel['atom:link']))).toEqual(['self']);
    const empty = renderRss({ ...meta, paging: { next: 'https://gazette.example/feed.xml?page=2' } }, []);
    expectWellFormed(empty);
    expect(rels(xml.parse(empty).rss.channel['atom:link']).next).toBe('https://gazette.example/feed.xml?page=2');
  });
});

describe('renderAtom (RFC 4287)', () => {
  const out = renderAtom(meta, items);

  it('is well-formed XML and reads back in rss-parser', async () => {
    expectWellFormed(out);
    const feed = await new Parser().parseString(out);
    expect(feed.title).toBe(meta.title);
    expect(feed.link).toBe(meta.homePageUrl);
    expect(feed.feedUrl).toBe(meta.selfUrl);
    expect(feed.items.map((i) => i.title)).toEqual([cleanTitle, 'Second']);
    expect(feed.items.map((i) => i.id)).toEqual([awkward.id, permalinked.id]);
    expect(feed.items.map((i) => i.author)).toEqual(['Gazette Desk', 'Ada Lovelace']);
    expect(feed.items[0]?.content).toBe(awkward.contentHtml);
    expect(feed.items[0]?.summary).toBe('x < y & z ]]>');
  });

  it('gives every entry an author, categories, published/updated and typed text constructs', () => {
    const root = xml.parse(out).feed as Node;
    expect(root['@xml:lang']).toBe('en-GB');
    expect(arr(root.author).map((a) => a.name)).toEqual(['Gazette Desk']);
    const [a, b] = arr(root.entry);
    expect(arr(a?.author).map((x) => x.name)).toEqual(['Gazette Desk']); // RFC 4287 §4.1.1
    expect(arr(b?.author).map((x) => [x.name, x.uri])).toEqual([['Ada Lovelace', 'https://ada.example/'], ['Grace Hopper', undefined]]);
    expect(arr(a?.category).map((c) => c['@term'])).toEqual(['Local news', 'Q&A <misc>']);
    expect(a?.published).toBe('2020-03-01T09:00:00.000Z');
    expect(a?.updated).toBe('2020-03-02T10:30:00.000Z');
    expect(a?.title).toEqual({ '#text': cleanTitle, '@type': 'text' });
    expect(a?.summary).toMatchObject({ '@type': 'text' });
    expect(a?.content).toMatchObject({ '@type': 'html' });
    expect(text(a?.content)).toContain(LONG);
    expect(rels(a?.link).alternate).toBe(awkward.url);
    expect(hasElement(root, 'script')).toBe(false);
  });

  it('has alternate, self, hub and RFC 5005 paging links, and the feed updated from the newest item', () => {
    const root = xml.parse(out).feed as Node;
    expect(rels(root.link)).toEqual({
      alternate: meta.homePageUrl,
      self: meta.selfUrl,
      hub: meta.hubUrl,
      first: meta.paging?.first,
      previous: meta.paging?.previous,
      next: meta.paging?.next,
    });
    expect(root.updated).toBe('2020-03-02T10:30:00.000Z');
    expect(root.id).toBe(meta.id);
    expect(root.icon).toBe(meta.icon);
  });
});

describe('renderJsonFeed (JSON Feed 1.1)', () => {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const doc = JSON.parse(renderJsonFeed(meta, items)) as Node;

  it('validates against the JSON Feed 1.1 schema', () => {
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(renderJsonFeed({ ...meta, hubUrl: undefined, paging: undefined, icon: undefined }, [])))).toBe(true);
    // The schema has teeth: a JSON Feed 1.0 document does not pass.
    expect(validate({ ...doc, version: 'https://jsonfeed.org/version/1', author: { name: 'x' } })).toBe(false);
  });

  it('has the 1.1 fields: authors, language, hubs, next_url, and item extensions', () => {
    expect(doc).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: meta.title,
      home_page_url: meta.homePageUrl,
      feed_url: meta.selfUrl,
      language: 'en-GB',
      icon: meta.icon,
      next_url: meta.paging?.next,
      authors: [{ name: 'Gazette Desk', url: 'https://gazette.example/about' }],
      hubs: [{ type: 'WebSub', url: meta.hubUrl }],
    });
    expect(doc).not.toHaveProperty('author');
    const [a, b] = arr(doc.items);
    expect(a).toMatchObject({
      id: awkward.id,
      url: awkward.url,
      title: cleanTitle,
      summary: 'x < y & z ]]>',
      content_html: awkward.contentHtml,
      date_published: '2020-03-01T09:00:00.000Z',
      date_modified: '2020-03-02T10:30:00.000Z',
      tags: ['Local news', 'Q&A <misc>'],
      _gazette: { readingMinutes: 3, section: 'local' },
    });
    expect(b?.authors).toEqual([{ name: 'Ada Lovelace', url: 'https://ada.example/' }, { name: 'Grace Hopper' }]);
  });

  it('drops extension keys that do not start with "_"', () => {
    const sneaky = { ...permalinked, extensions: { id: { x: 1 }, _ok: { y: 2 } } } as unknown as FeedItem;
    const [item] = arr((JSON.parse(renderJsonFeed(meta, [sneaky])) as Node).items);
    expect(item?.id).toBe(permalinked.id);
    expect(item?._ok).toEqual({ y: 2 });
  });
});

describe('purity', () => {
  afterEach(() => vi.useRealTimers());
  const renderAll = (m: FeedMeta, i: FeedItem[]) => [renderRss(m, i), renderAtom(m, i), renderJsonFeed(m, i)];

  it('never writes "now": same bytes under different clocks, and no clock-derived year', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    const first = [...renderAll(meta, items), ...renderAll(meta, [])];
    vi.setSystemTime(new Date('2037-11-12T13:14:15Z'));
    const second = [...renderAll(meta, items), ...renderAll(meta, [])];
    expect(second).toEqual(first);
    for (const out of first) expect(out).not.toMatch(/2031|2037/);
  });

  it('is byte-identical across a real pause of over a second', async () => {
    const before = renderAll(meta, items);
    await new Promise((r) => setTimeout(r, 1100));
    const after = renderAll(meta, items);
    expect(after).toEqual(before);
    const now = new Date();
    for (const out of after) {
      expect(out).not.toContain(now.toISOString().slice(0, 10));
      expect(out).not.toContain(now.toUTCString().slice(5, 16));
    }
  });

  it('uses meta.updated when given, else the newest item, else the epoch', () => {
    const given = new Date('2021-01-01T00:00:00Z');
    expect(renderAtom({ ...meta, updated: given }, items)).toContain('<updated>2021-01-01T00:00:00.000Z</updated>');
    expect(renderRss({ ...meta, updated: given }, items)).toContain('<lastBuildDate>Fri, 01 Jan 2021 00:00:00 GMT</lastBuildDate>');
    expect(renderRss(meta, items)).toContain('<lastBuildDate>Mon, 02 Mar 2020 10:30:00 GMT</lastBuildDate>');
    expect(renderRss(meta, [])).toContain('<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT</lastBuildDate>');
    expect(renderAtom(meta, [])).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(items);
    renderAll(meta, items);
    expect(items).toEqual(copy);
  });

  it('passes through text that looks like its internal placeholders', async () => {
    const lookalike = { ...permalinked, title: 'urn:x-gazette-slot:0_ and urn:x-gazette-slot0:1_' };
    for (const out of [renderRss(meta, [lookalike]), renderAtom(meta, [lookalike])]) {
      expect((await new Parser().parseString(out)).items[0]?.title).toBe(lookalike.title);
    }
  });
});
