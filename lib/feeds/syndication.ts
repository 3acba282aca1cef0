// Pure syndication serialisers: RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1.
//
// Same input → same bytes: the HTTP ETag is a hash of the output, so nothing here may read the
// clock, the environment or the database.
//
// RSS and Atom are laid out by the `feed` package (element structure, ordering, namespaces), but
// its serialiser (xml-js) gets text wrong in ways that break real readers:
//   - CDATA: only the FIRST "]]>" is split, a second one ends the section → not well-formed;
//   - text: a literal "&amp;" is "de-sanitised" to "&" before escaping (data silently changes);
//   - attributes: only `"` is escaped, so "<" in an Atom category term is not well-formed;
//   - XML-invalid characters (NUL, other C0 controls, U+FFFE/U+FFFF, lone surrogates) pass through.
// So every string goes into `feed` as an opaque slot token, and we write the text in ourselves,
// stripped and escaped (see Slots). `feed` never sees a character it could mangle.
import { Feed, type Author, type Extension } from 'feed';
import type { FeedAuthor, FeedItem, FeedMeta } from './types';

/** Characters outside XML 1.0's `Char` production (§2.2); with the `u` flag \p{Cs} matches only lone surrogates. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\p{Cs}]/gu;

function clean(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** Valid in text and in double-quoted attributes alike; `>` so a "]]>" in text stays inert; CR as a
 * reference so parsers do not normalise it to LF (XML 1.0 §2.11). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#13;');
}

/** Plain text placed in an HTML-typed element (RSS <description> is HTML per RSS 2.0). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? '&quot;');
}

/**
 * Stand-in tokens for every string handed to `feed`. Tokens are ASCII absolute URIs, so `feed`'s
 * `new URL()` normalisation of links/ids leaves them (and therefore the exact id bytes) intact, and
 * they contain nothing xml-js escapes. The prefix is chosen not to occur in the input, so `fill`
 * can only ever replace real tokens. A token that `feed` wrapped in CDATA becomes plain escaped
 * text, which is the same XML information set without the "]]>" hazard.
 */
class Slots {
  private readonly values: string[] = [];
  private readonly prefix: string;

  constructor(input: unknown) {
    const haystack = JSON.stringify(input);
    let prefix = 'urn:x-gazette-slot:';
    for (let n = 0; haystack.includes(prefix); n++) prefix = `urn:x-gazette-slot${n}:`;
    this.prefix = prefix;
  }

  put(value: string): string {
    return `${this.prefix}${this.values.push(clean(value)) - 1}_`;
  }

  fill(xml: string): string {
    const p = this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const token = new RegExp(`<!\\[CDATA\\[${p}(\\d+)_\\]\\]>|${p}(\\d+)_`, 'g');
    return xml.replace(token, (_m, a?: string, b?: string) => escapeXml(this.values[Number(a ?? b)] ?? ''));
  }
}

/** `feed` falls back to "now" for RSS lastBuildDate / Atom <updated>; never let it. */
function feedUpdated(meta: FeedMeta, items: FeedItem[]): Date {
  if (meta.updated) return meta.updated;
  return new Date(items.reduce((max, i) => Math.max(max, i.updated.getTime()), 0));
}

/** RFC 4287 §4.1.1: an entry without its own author inherits the feed's; we make that explicit in
 * every format so RSS readers (which have no inheritance) show the byline too. */
function authorsOf(meta: Pick<FeedMeta, 'author'>, item: FeedItem): FeedAuthor[] {
  return item.authors.length > 0 ? item.authors : [meta.author];
}

/** RFC 5005 §3 paged-feed relations, in a stable order. */
function pagingLinks(meta: FeedMeta): Array<[rel: string, href: string]> {
  const p = meta.paging ?? {};
  return (['first', 'previous', 'next'] as const).flatMap((rel) => (p[rel] ? [[rel, p[rel]] as [string, string]] : []));
}

/** Inserts lines before the first `<child>` (else before `</parent>`), matching indentation. Safe to
 * match on markup: at this point all user text is still slot tokens, which contain no "<". */
function insertBefore(xml: string, child: string, parent: string, lines: string[]): string {
  if (lines.length === 0) return xml;
  const m = new RegExp(`\\n( *)<(${child}>|/${parent}>)`).exec(xml);
  if (!m) throw new Error(`syndication: no <${child}> or </${parent}> to anchor links`);
  const indent = m[2] === `${child}>` ? (m[1] ?? '') : `${m[1] ?? ''}    `;
  return xml.slice(0, m.index) + lines.map((l) => `\n${indent}${l}`).join('') + xml.slice(m.index);
}

/** Adds a namespace declaration to the root element unless `feed` already emitted it. */
function declareNs(xml: string, root: string, prefix: string, uri: string): string {
  const open = `<${root} `;
  return xml.includes(`xmlns:${prefix}=`) ? xml : xml.replace(open, `${open}xmlns:${prefix}="${uri}" `);
}

export function renderRss(meta: FeedMeta, items: FeedItem[]): string {
  const s = new Slots([meta, items]);
  const feed = new Feed({
    title: s.put(meta.title),
    description: s.put(meta.description),
    link: s.put(meta.homePageUrl),
    language: s.put(meta.language),
    updated: feedUpdated(meta, items),
    generator: 'Gazette',
    feed: s.put(meta.selfUrl), // → <atom:link rel="self">, the RSS Advisory Board's recommendation
    hub: meta.hubUrl ? s.put(meta.hubUrl) : undefined, // → <atom:link rel="hub"> (WebSub §4)
  });
  for (const item of items) {
    // RSS 2.0 <guid>: isPermaLink="true" only when the stable id IS the item's URL.
    const permalink = item.id === item.url && /^https?:\/\//i.test(item.id);
    // RSS 2.0 <author> must be an e-mail address; Dublin Core dc:creator carries a name, one
    // element per creator. xml-js writes an array as repeated elements.
    const creators = authorsOf(meta, item).map((a) => ({ _text: s.put(a.name) }));
    const extensions: Extension[] = [
      // `feed` types extension objects as a record; xml-js accepts an array for repeated elements.
      { name: 'dc:creator', objects: creators as unknown as Record<string, unknown> },
    ];
    feed.addItem({
      title: s.put(item.title),
      link: s.put(item.url),
      ...(permalink ? {} : { id: s.put(item.id) }), // no id → `feed` writes the link with isPermaLink="true"
      date: item.updated,
      published: item.published, // → <pubDate>
      description: s.put(escapeHtml(item.summary)), // plain-text summary into an HTML element
      content: s.put(item.contentHtml), // → <content:encoded>, full HTML
      category: item.categories.map((c) => ({ name: s.put(c) })),
      extensions,
      // RSS 2.0 <enclosure url length type>: `feed` keeps our type and length (not its guess from
      // the URL's extension) and the URL is a slot like every other string.
      ...(item.image ? { enclosure: { url: s.put(item.image.url), type: s.put(item.image.type), length: item.image.length } } : {}),
    });
  }
  let xml = feed.rss2();
  const links = pagingLinks(meta).map(
    ([rel, href]) => `<atom:link href="${s.put(href)}" rel="${rel}" type="application/rss+xml"/>`,
  );
  xml = insertBefore(xml, 'item', 'channel', links); // after self/hub, so readers still see self first
  xml = declareNs(xml, 'rss', 'atom', 'http://www.w3.org/2005/Atom');
  xml = declareNs(xml, 'rss', 'dc', 'http://purl.org/dc/elements/1.1/');
  xml = declareNs(xml, 'rss', 'content', 'http://purl.org/rss/1.0/modules/content/');
  return s.fill(xml);
}

export function renderAtom(meta: FeedMeta, items: FeedItem[]): string {
  const s = new Slots([meta, items]);
  const person = (a: FeedAuthor): Author => ({ name: s.put(a.name), ...(a.url ? { link: s.put(a.url) } : {}) });
  const feed = new Feed({
    id: s.put(meta.id),
    title: s.put(meta.title),
    description: s.put(meta.description), // → <subtitle>
    link: s.put(meta.homePageUrl), // → <link rel="alternate">
    feed: s.put(meta.selfUrl), // → <link rel="self">
    hub: meta.hubUrl ? s.put(meta.hubUrl) : undefined,
    favicon: meta.icon ? s.put(meta.icon) : undefined, // → <icon>
    updated: feedUpdated(meta, items),
    generator: 'Gazette',
    author: person(meta.author),
  });
  // `feed` would guess an Atom enclosure's type from the URL's extension ("image/jpg"); ours are
  // written beside the entry's alternate link instead, found by that link's unique slot token.
  const enclosures = new Map<string, string>();
  for (const item of items) {
    const link = s.put(item.url);
    if (item.image) {
      // RFC 4287 §4.2.7.2: rel="enclosure" names a related resource that may be large; §4.2.7.6 length.
      enclosures.set(`<link href="${link}"/>`, `<link rel="enclosure" type="${s.put(item.image.type)}" length="${item.image.length}" href="${s.put(item.image.url)}"/>`);
    }
    feed.addItem({
      title: s.put(item.title),
      id: s.put(item.id),
      link,
      date: item.updated, // → <updated>
      published: item.published,
      description: s.put(item.summary),
      content: s.put(item.contentHtml),
      author: authorsOf(meta, item).map(person), // RFC 4287 §4.1.1: every entry has an author
      category: item.categories.map((c) => ({ term: s.put(c) })),
    });
  }
  let xml = feed.atom1();
  // `feed` declares entry titles and summaries type="html"; ours are plain text (RFC 4287 §3.1.1.1),
  // so a title like "Use <b> tags" must not be rendered as markup by readers.
  xml = xml.replace(/<(title|summary) type="html">/g, '<$1 type="text">');
  xml = xml.replace('<feed ', `<feed xml:lang="${s.put(meta.language)}" `); // RFC 4287 §2: xml:lang
  const links = pagingLinks(meta).map(
    ([rel, href]) => `<link rel="${rel}" href="${s.put(href)}" type="application/atom+xml"/>`,
  );
  xml = insertBefore(xml, 'entry', 'feed', links);
  for (const [alternate, enclosure] of enclosures) {
    const at = xml.indexOf(alternate);
    if (at < 0) throw new Error('syndication: no entry link to anchor an enclosure');
    const indent = /( *)$/.exec(xml.slice(0, at))?.[1] ?? '';
    xml = `${xml.slice(0, at + alternate.length)}\n${indent}${enclosure}${xml.slice(at + alternate.length)}`;
  }
  return s.fill(xml);
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). `feed` only writes 1.0 (singular
 * `author`, no `authors`/`language`/`hubs`), so this one is built directly. */
export function renderJsonFeed(meta: FeedMeta, items: FeedItem[]): string {
  const next = meta.paging?.next;
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: clean(meta.title),
    home_page_url: clean(meta.homePageUrl),
    feed_url: clean(meta.selfUrl),
    description: clean(meta.description),
    language: clean(meta.language),
    ...(meta.icon ? { icon: clean(meta.icon) } : {}),
    ...(next ? { next_url: clean(next) } : {}), // JSON Feed's pagination: the next (older) page
    authors: [jsonFeedPerson(meta.author)],
    ...(meta.hubUrl ? { hubs: [{ type: 'WebSub', url: clean(meta.hubUrl) }] } : {}),
    items: items.map((item) => jsonFeedItem(item, meta.author)),
  };
  return JSON.stringify(doc);
}

const jsonFeedPerson = (a: FeedAuthor) => ({ name: clean(a.name), ...(a.url ? { url: clean(a.url) } : {}) });

/**
 * One JSON Feed 1.1 item, as the feed holds it (also the changelog entry's document in
 * /api/changes). `feedAuthor` stands in when the item has no author of its own.
 */
export function jsonFeedItem(item: FeedItem, feedAuthor: FeedAuthor): Record<string, unknown> {
  return {
    id: clean(item.id),
    url: clean(item.url),
    title: clean(item.title),
    summary: clean(item.summary),
    content_html: clean(item.contentHtml),
    date_published: item.published.toISOString(), // RFC 3339
    date_modified: item.updated.toISOString(),
    authors: authorsOf({ author: feedAuthor }, item).map(jsonFeedPerson),
    tags: item.categories.map(clean),
    // JSON Feed 1.1: `image` is the item's main image; `banner_image` one shown across the top, so wide ones only.
    ...(item.image ? { image: clean(item.image.url), ...(item.image.width > item.image.height ? { banner_image: clean(item.image.url) } : {}) } : {}),
    // JSON Feed 1.1 "Extensions": custom keys start with "_"; anything else could shadow a
    // standard field, so it is dropped.
    ...Object.fromEntries(Object.entries(item.extensions ?? {}).filter(([k]) => k.startsWith('_'))),
  };
}
