// Hand-written demo content for Gazette. Pure data: db/seed/index.ts turns it into rows.
// Deliberate edge cases: one non-ASCII title, one renamed post (previousSlugs), two posts
// sharing a publishedAt (stable ordering), drafts and a scheduled post, DST-crossing events,
// all-day events with exclusive ends, and text that needs iCalendar escaping.
import type { SeedAuthor, SeedChangelogEntry, SeedEvent, SeedPost, SeedTag } from './types';

export const seedAuthors: SeedAuthor[] = [
  { slug: 'daniel-ferreira', name: 'Daniel Ferreira', bio: 'Writes about databases, migrations and the queries behind a fast page.' },
  { slug: 'maya-okonkwo', name: 'Maya Okonkwo', bio: 'Editor of Gazette; covers HTTP caching, CDNs and the web platform.' },
  { slug: 'priya-raghavan', name: 'Priya Raghavan', bio: 'Works on feeds, calendars and the formats partners read.' },
  { slug: 'tobias-lindqvist', name: 'Tobias Lindqvist', bio: 'Operations and reliability: deploys, observability and incident reviews.' },
];

export const seedTags: SeedTag[] = [
  { slug: 'http', name: 'HTTP' },
  { slug: 'caching', name: 'Caching' },
  { slug: 'feeds', name: 'Feeds' },
  { slug: 'calendars', name: 'Calendars' },
  { slug: 'nextjs', name: 'Next.js' },
  { slug: 'postgres', name: 'Postgres' },
  { slug: 'i18n', name: 'Internationalization' },
  { slug: 'release-notes', name: 'Release notes' },
];

export const seedPosts: SeedPost[] = [
  {
    slug: 'etags-explained',
    title: 'ETags explained: strong, weak and what your CDN does to them',
    summary: 'A practical tour of entity tags, the difference between strong and weak validators, and why intermediaries sometimes rewrite them.',
    tags: ['http', 'caching'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-01-14T09:30:00Z',
    updatedAt: '2025-03-02T16:45:00Z',
    previousSlugs: ['etags-demystified'],
    body: `An **entity tag** is an opaque string a server attaches to a representation so that clients can later ask "has this changed?" without downloading it again. The rules live in [RFC 9110, section 8.8.3](https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3).

## Strong versus weak

A strong ETag promises byte-for-byte identity. A weak ETag, written with a \`W/\` prefix, only promises that the two representations are *semantically equivalent*.

\`\`\`http
ETag: "a3f9c2"
ETag: W/"a3f9c2"
\`\`\`

Use a strong tag when the bytes are deterministic. Use a weak tag when compression, whitespace or a build step may change the bytes without changing the meaning.

### What intermediaries do

Many CDNs compress responses on the fly. Because gzip changes the bytes, some of them quietly **downgrade** a strong tag to a weak one. That is allowed, but it means:

- \`If-Match\` (which needs strong comparison) will fail against the downgraded tag;
- \`If-None-Match\` still works, because it uses weak comparison;
- your logs may show two different tags for one resource.

## How Gazette computes them

The tag is derived from the stored representation, so \`/api/posts/etags-explained\` answers with the same tag until an editor saves a change.

> An ETag is a promise, not a checksum. Only hand out promises you can keep.

If you renamed a post, note that the old URL redirects first; the tag belongs to the representation at the *final* URL.
`,
  },
  {
    slug: 'conditional-requests-304',
    title: 'Conditional requests and the humble 304',
    summary: 'How If-None-Match and If-Modified-Since let clients revalidate cached responses for the price of a few headers.',
    tags: ['http', 'caching'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-01-28T08:00:00Z',
    body: `Most traffic to a content API is *repeat* traffic: feed readers, crawlers and apps polling the same URLs. Conditional requests turn those polls into tiny exchanges.

## The round trip

1. The client fetches \`/api/posts\` and stores the \`ETag\` and \`Last-Modified\` headers.
2. On the next poll it sends them back as validators.
3. If nothing changed, the server answers \`304 Not Modified\` with no body.

\`\`\`http
GET /api/posts HTTP/1.1
Host: gazette.example
If-None-Match: "posts-v412"

HTTP/1.1 304 Not Modified
ETag: "posts-v412"
Cache-Control: max-age=60
\`\`\`

## Precedence rules

[RFC 9110 section 13.2.2](https://www.rfc-editor.org/rfc/rfc9110#section-13.2.2) defines the order of evaluation. When a request carries both \`If-None-Match\` and \`If-Modified-Since\`, the date is **ignored**. That matters because dates only have one-second resolution.

### Things that go wrong

- Returning \`200\` with an empty body instead of \`304\`.
- Forgetting to repeat \`ETag\` and \`Cache-Control\` on the \`304\` response.
- Comparing validators with strong comparison when the spec requires weak comparison for \`If-None-Match\`.

A correct \`304\` can be *dozens* of times cheaper than a full response. For a feed polled every few minutes by thousands of readers, that adds up quickly.
`,
  },
  {
    slug: 'rss-vs-atom',
    title: 'RSS 2.0 vs Atom 1.0: choosing a feed format',
    summary: 'A side-by-side comparison of RSS 2.0 and Atom 1.0 and the reasons Gazette publishes both.',
    tags: ['feeds'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-02-11T10:15:00Z',
    body: `Every few years someone declares feeds dead, and every few years feed readers keep working. The question is not *whether* to publish a feed but *which* format.

## The short version

| | RSS 2.0 | Atom 1.0 |
|---|---|---|
| Spec | informal, frozen | [RFC 4287](https://www.rfc-editor.org/rfc/rfc4287) |
| Dates | RFC 822 | RFC 3339 |
| Content type | ambiguous | explicit \`type\` attribute |

## Where Atom is stricter

- Every entry needs a stable \`id\`, usually a \`tag:\` URI or a permanent URL.
- \`updated\` is mandatory, so readers know when to re-fetch an entry.
- Content declares whether it is \`text\`, \`html\` or \`xhtml\`.

\`\`\`xml
<entry>
  <id>tag:gazette.example,2025:post/rss-vs-atom</id>
  <updated>2025-02-11T10:15:00Z</updated>
  <content type="html">&lt;p&gt;Hello&lt;/p&gt;</content>
</entry>
\`\`\`

## Why we ship both

RSS is what most people paste into a reader. Atom is what we *trust* for correctness. Serving both costs a second template and nothing else, since both are rendered from the same query behind \`/api/posts\`.

> Pick Atom if you can only pick one. Publish RSS too if your readers ask for it.
`,
  },
  {
    slug: 'icalendar-time-zones',
    title: 'iCalendar time zones: TZID, VTIMEZONE and floating times',
    summary: 'What the three kinds of iCalendar date-times mean and why a local time without a zone is almost always a bug.',
    tags: ['calendars', 'i18n'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2025-02-25T14:00:00Z',
    updatedAt: '2025-06-18T09:10:00Z',
    body: `[RFC 5545](https://www.rfc-editor.org/rfc/rfc5545) gives you three ways to write a date-time, and only two of them are what you want.

## The three forms

1. **UTC**: \`DTSTART:20250310T170000Z\`. Unambiguous, but loses the organiser's intent.
2. **Local with zone**: \`DTSTART;TZID=Europe/Berlin:20250310T180000\`. The wall-clock time in a named zone.
3. **Floating**: \`DTSTART:20250310T180000\`. "Six in the evening wherever you happen to be."

Floating times are right for an alarm clock and wrong for a conference talk.

### Why TZID wins for events

An event at 18:00 in Berlin stays at 18:00 in Berlin even if the EU changes its DST rules next year. A UTC timestamp computed today would drift by an hour.

\`\`\`ts
// Store the wall clock and the zone; derive the instant when you need it.
const event = {
  start: '2025-03-10T18:00',
  timeZone: 'Europe/Berlin',
};
\`\`\`

## VTIMEZONE blocks

Strictly, every \`TZID\` you reference should come with a \`VTIMEZONE\` component describing its rules. Most clients recognise IANA names and ignore the block, but Outlook is *not* most clients. Gazette emits a minimal \`VTIMEZONE\` for every zone that appears in a feed.
`,
  },
  {
    slug: 'cdn-cache-control',
    title: 'Cache-Control for CDNs: s-maxage, stale-while-revalidate and friends',
    summary: 'How to give browsers and shared caches different freshness rules without lying to either of them.',
    tags: ['caching', 'http'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-03-12T07:45:00Z',
    body: `Browsers and CDNs are both caches, but they deserve different instructions. A browser cache serves one person; a CDN serves everyone.

## The directives that matter

- \`max-age\`: freshness lifetime for *every* cache.
- \`s-maxage\`: overrides \`max-age\` for shared caches only.
- \`stale-while-revalidate\`: serve stale content while fetching a fresh copy in the background ([RFC 5861](https://www.rfc-editor.org/rfc/rfc5861)).
- \`private\` and \`no-store\`: keep it out of shared caches entirely.

## Our defaults

\`\`\`http
Cache-Control: public, max-age=60, s-maxage=300, stale-while-revalidate=600
\`\`\`

Readers see content at most a minute old from their own cache. The CDN holds it for five minutes and can keep serving for ten more while it revalidates.

Each layer keeps its own copy, and each one needs its own instructions:

![Three layers of cache: the browser, the CDN and the origin](media:diagram-cache-layers)

### Invalidation beats short TTLs

Short TTLs are a crude tool. When an editor publishes, Gazette purges the affected URLs (the post, \`/api/posts\` and the feeds) so the long \`s-maxage\` costs nothing in freshness.

> *There are only two hard things in computer science*, and one of them is deciding how long a list page may be stale.

Remember that authenticated CMS responses must **never** be \`public\`. Everything under the editor routes carries \`private, no-store\`.
`,
  },
  {
    slug: 'postgres-partial-indexes',
    title: 'Partial indexes for published content in Postgres',
    summary: 'Why an index that only covers published rows is smaller, faster and a better fit for public read APIs.',
    tags: ['postgres'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-03-27T11:20:00Z',
    body: `Public endpoints only ever read **published** rows. Drafts and soft-deleted posts are invisible to them. A partial index lets Postgres skip those rows entirely.

## The query

\`\`\`sql
SELECT id, slug, title, published_at
FROM posts
WHERE status = 'published'
  AND deleted_at IS NULL
  AND published_at <= now()
ORDER BY published_at DESC, id DESC
LIMIT 20;
\`\`\`

## The index

\`\`\`sql
CREATE INDEX posts_public_feed
  ON posts (published_at DESC, id DESC)
  WHERE status = 'published' AND deleted_at IS NULL;
\`\`\`

### Why it helps

- The index is smaller, so more of it stays in memory.
- Writes to drafts do not touch it at all.
- The planner can read rows in order and stop after \`LIMIT\`.

## Caveats

The planner only uses a partial index when it can *prove* the query's \`WHERE\` clause implies the index predicate. Parameterised values such as \`status = $1\` defeat that proof, so keep the literal in the query. See the [Postgres documentation on partial indexes](https://www.postgresql.org/docs/current/indexes-partial.html) for the details.
`,
  },
  {
    slug: 'keyset-pagination',
    title: 'Keyset pagination with stable ordering',
    summary: 'Why OFFSET pagination skips and repeats items and how a tie-breaking key fixes it.',
    tags: ['postgres', 'http'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-04-09T09:00:00Z',
    body: `\`OFFSET\` pagination looks simple until a post is published while someone is paging. Every later page shifts by one, and the reader sees a duplicate.

## Use a cursor instead

A keyset cursor remembers the *last row you saw* and asks for rows after it:

\`\`\`sql
SELECT id, slug, published_at
FROM posts
WHERE status = 'published'
  AND (published_at, id) < ($1, $2)
ORDER BY published_at DESC, id DESC
LIMIT 20;
\`\`\`

### Ties are not an edge case

Two posts published in the same second are common when an editor schedules a batch. Ordering by \`published_at\` alone gives an **unstable** order, and a cursor built from the date alone will skip one of them. Always add a unique tie-breaker such as \`id\`.

## Encoding the cursor

\`\`\`ts
const cursor = Buffer.from(JSON.stringify([row.publishedAt, row.id])).toString('base64url');
\`\`\`

The API returns the next page as a link, so clients never build cursors themselves:

\`\`\`http
Link: </api/posts?cursor=WyIyMDI1LTA0LTA5Il0>; rel="next"
\`\`\`

*Opaque* cursors also let us change the encoding later without breaking anyone.
`,
  },
  {
    slug: 'unicode-in-feeds-field-guide',
    title: 'Café, naïve façades and Ünïcode in feeds — a field guide ✨',
    summary: 'What happens to accented titles, emoji and right-to-left text on their way from the database to a feed reader.',
    tags: ['feeds', 'i18n'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2025-04-23T15:30:00Z',
    body: `Titles like *Café Society* look harmless until a feed reader shows them as \`CafÃ© Society\`. That garbling, called **mojibake**, is almost always an encoding declared in one place and used in another.

## Where it breaks

1. The database stores UTF-8, but a driver decodes it as Latin-1.
2. The XML prolog says \`encoding="UTF-8"\` while the HTTP header says \`charset=ISO-8859-1\`.
3. A slug generator strips the accents *after* truncating, splitting a multi-byte character.

## Rules we follow

- Send \`Content-Type: application/atom+xml; charset=utf-8\` and match it in the prolog.
- Normalise titles to **NFC** before storing them, so \`é\` is one code point, not two.
- Keep slugs ASCII. This post lives at \`/api/posts/unicode-in-feeds-field-guide\`, not at a percent-encoded path.

\`\`\`ts
const title = input.normalize('NFC');
const slug = title
  .normalize('NFD')
  .replace(/[\\u0300-\\u036f]/g, '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '-')
  .replace(/^-|-$/g, '');
\`\`\`

### Emoji and surrogate pairs

An emoji such as ✨ is a single code point but two UTF-16 units. Truncating a summary with \`slice()\` can cut it in half. Truncate by grapheme with \`Intl.Segmenter\` instead.

> Ünïcode is not an edge case; it is your readers' names.
`,
  },
  {
    slug: 'content-negotiation',
    title: 'Content negotiation with Accept and Vary',
    summary: 'Serving JSON, HTML and feeds from one URL is possible, but only if caches are told what the response depends on.',
    tags: ['http'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-05-06T08:30:00Z',
    body: `Proactive content negotiation, described in [RFC 9110 section 12](https://www.rfc-editor.org/rfc/rfc9110#section-12), lets a client say which media types it prefers. The server picks the best match.

## A request and its answer

\`\`\`http
GET /api/posts HTTP/1.1
Accept: application/feed+json;q=0.9, application/json

HTTP/1.1 200 OK
Content-Type: application/json
Vary: Accept
\`\`\`

### Always send Vary

Without \`Vary: Accept\`, a CDN may cache the JSON response and hand it to a browser that asked for HTML. Forgetting this header is the single most common negotiation bug.

## When nothing matches

If the client only accepts types you cannot produce, answer \`406 Not Acceptable\` and list the alternatives. Some APIs prefer to ignore the header and send their default; both behaviours are allowed, but be *consistent*.

## Our approach

- \`/api/posts\` negotiates between JSON and JSON Feed.
- Feeds have their own URLs, because many readers send \`Accept: */*\`.
- Quality values (\`q=\`) are honoured, and ties go to the first type the server lists.

Explicit URLs are boring, and **boring is good** for caches.
`,
  },
  {
    slug: 'json-feed-alongside-rss',
    title: 'JSON Feed 1.1 alongside RSS and Atom',
    summary: 'JSON Feed is the easiest feed format to generate correctly, and here is how we map our posts onto it.',
    tags: ['feeds'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-05-20T12:00:00Z',
    body: `[JSON Feed](https://www.jsonfeed.org/version/1.1/) is a feed format that uses JSON instead of XML. No escaping rules, no namespaces, no arguments about CDATA.

## Minimal document

\`\`\`ts
const feed = {
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Gazette',
  home_page_url: 'https://gazette.example/',
  feed_url: 'https://gazette.example/feed.json',
  items: posts.map((p) => ({
    id: p.id,
    url: \`https://gazette.example/posts/\${p.slug}\`,
    title: p.title,
    content_html: p.html,
    date_published: p.publishedAt,
  })),
};
\`\`\`

## Mapping decisions

- \`id\` is the post's UUID, **not** its slug, so renaming a post does not make readers think it is new.
- \`date_modified\` is only emitted when the post was edited after publication.
- Tags become \`tags\`, in the order editors assigned them.

### Serve the right media type

The registered type is \`application/feed+json\`. Some readers still sniff for \`application/json\`, so we list the feed in autodiscovery with the correct type and let [\`/api/posts\`](/api/posts) negotiate for everyone else.

> A JSON Feed can be validated with nothing more than a schema and \`JSON.parse\`.
`,
  },
  {
    slug: 'uid-and-sequence',
    title: 'Why UID and SEQUENCE matter for calendar updates',
    summary: 'Calendar clients match events by UID and decide whether to apply an update by SEQUENCE, so both must be managed carefully.',
    tags: ['calendars'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2025-06-03T09:45:00Z',
    body: `When a subscriber's calendar app refreshes our feed, it has to decide for each \`VEVENT\` whether it is **new**, **changed** or **unchanged**. Two properties drive that decision.

## UID: identity

The \`UID\` must be globally unique and must *never* change. We derive it once from the event's ID, which is itself a stable hash of its key:

\`\`\`ts
const id = stableUuid(\`event:\${event.key}\`);
const uid = \`\${id}@gazette\`;
\`\`\`

If you regenerate UIDs on every export, every refresh looks like a batch of brand-new events and the old ones linger as duplicates.

## SEQUENCE: revision

[RFC 5545 section 3.8.7.4](https://www.rfc-editor.org/rfc/rfc5545#section-3.8.7.4) says the sequence number increments whenever the organiser makes a *significant* change, such as:

1. moving the start or end time;
2. changing the status to \`CANCELLED\`;
3. changing the location.

Fixing a typo in the description does not require a bump, although bumping is harmless.

### Cancelling properly

Never delete a cancelled event from the feed straight away. Publish it with \`STATUS:CANCELLED\` and a higher \`SEQUENCE\` so clients can remove it. Delete it only after subscribers have had time to sync.
`,
  },
  {
    slug: 'all-day-events-exclusive-end',
    title: 'All-day events and the exclusive DTEND',
    summary: 'An all-day event on the 5th ends on the 6th, and getting that wrong makes every calendar app show something different.',
    tags: ['calendars'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-06-17T07:00:00Z',
    body: `All-day events use \`DATE\` values rather than \`DATE-TIME\`, and their end is **exclusive**. A one-day event on 5 July looks like this:

\`\`\`text
DTSTART;VALUE=DATE:20250705
DTEND;VALUE=DATE:20250706
\`\`\`

## Common mistakes

- Setting \`DTEND\` equal to \`DTSTART\`, which some clients render as a zero-length event.
- Using \`23:59:59\` timed values to fake an all-day event; it breaks across time zones.
- Converting the dates to UTC, which moves the event to the previous day for anyone west of Greenwich.

## Multi-day events

A conference from 10 to 12 September ends on the *13th*:

\`\`\`ts
const conference = { start: '2025-09-10', end: '2025-09-13', allDay: true };
\`\`\`

### In the API

Our JSON API exposes the same exclusive \`end\` so that clients do not need a special case. The CMS shows an inclusive "last day" field to editors and converts it on save. See [\`/api/events\`](/api/events) for examples.

> Half-open intervals are the one convention that makes date arithmetic boring. Embrace them.
`,
  },
  {
    slug: 'dst-transitions-in-event-feeds',
    title: 'Surviving daylight saving time transitions in event feeds',
    summary: 'An overnight event that crosses a DST change is an hour shorter or longer than the wall clock suggests, and your code should agree.',
    tags: ['calendars', 'i18n'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-07-01T10:30:00Z',
    updatedAt: '2025-11-04T08:20:00Z',
    body: `Twice a year, in many zones, the wall clock jumps. An event from 22:00 to 04:00 on the night the clocks go forward lasts **five** hours, not six.

## Gaps and overlaps

- **Gap**: in spring, local times such as 02:30 do not exist at all.
- **Overlap**: in autumn, 01:30 happens twice.

### Resolving them

Following the behaviour of [RFC 5545](https://www.rfc-editor.org/rfc/rfc5545) and of most libraries, we resolve a time in a gap by moving *forward* by the length of the gap, and a time in an overlap to the *earlier* of the two instants.

\`\`\`ts
// Derive the instant from wall clock + zone, never by adding hours.
const startsAt = zonedToInstant('2027-03-13T22:00', 'America/New_York');
const endsAt = zonedToInstant('2027-03-14T04:00', 'America/New_York');
// endsAt - startsAt === 5 hours
\`\`\`

## Test the transitions

Our test suite includes events around the US transition in March and the EU transition a fortnight later. Transitions differ by zone, so a single fixture in UTC proves nothing.

1. Create the event in its local zone.
2. Export it as iCalendar.
3. Import it into two different clients and compare durations.

> If your duration math has never been wrong, you have not tested it in March.
`,
  },
  {
    slug: 'nextjs-route-handlers-caching',
    title: 'Route handlers and caching in Next.js 16',
    summary: 'How Gazette\'s read API uses Next.js route handlers while keeping full control over HTTP caching headers.',
    tags: ['nextjs', 'caching'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-07-15T08:15:00Z',
    body: `Next.js route handlers are plain functions from a \`Request\` to a \`Response\`. That makes them a good fit for an HTTP API where **we** want to decide every header.

## A handler that revalidates

\`\`\`ts
export async function GET(request: Request) {
  const posts = await listPublishedPosts();
  const etag = computeEtag(posts);
  if (request.headers.get('if-none-match') === etag) {
    return new Response(null, { status: 304, headers: { etag } });
  }
  return Response.json(posts, {
    headers: { etag, 'cache-control': 'public, max-age=60, s-maxage=300' },
  });
}
\`\`\`

The real implementation parses \`If-None-Match\` as a list and uses weak comparison; the sketch above is deliberately short.

## What we avoid

- Framework-level response caching for API routes. It is easy to cache a response *with* its personalised headers by accident.
- Reading cookies in public handlers, which opts the route into dynamic rendering anyway.

### Dynamic by default

Because every public handler reads the database and sets its own validators, we treat them as dynamic and let the CDN do the caching. That keeps one source of truth for freshness: the \`Cache-Control\` header you can see in the response for [\`/api/posts\`](/api/posts).
`,
  },
  {
    slug: 'nextjs-on-demand-revalidation',
    title: 'On-demand revalidation with cache tags',
    summary: 'Publishing a post should refresh exactly the pages that show it, and cache tags make that precise.',
    tags: ['nextjs', 'caching'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-07-29T13:00:00Z',
    body: `Time-based revalidation is a guess. On-demand revalidation is a *fact*: something changed, so refresh what depends on it.

## Tagging data

Each cached read is tagged with the entities it touched:

\`\`\`ts
const post = await cachedQuery(() => getPostBySlug(slug), {
  tags: ['posts', \`post:\${slug}\`],
});
\`\`\`

## Invalidating on publish

When an editor publishes, the CMS action invalidates:

1. the tag for the post itself;
2. the \`posts\` tag, which covers listings and feeds;
3. one tag per assigned topic, so tag pages update too.

### Do not forget the CDN

Revalidating the framework cache does nothing for responses already stored at the edge. We send a purge request for the same set of URLs right after the database transaction commits, never before.

> Purge *after* commit. Purging before commit lets a fast reader re-cache the old version.

## Observability

Every purge is logged with its tags and latency. When a reporter asks "why is my fix not live?", the log answers in seconds.
`,
  },
  {
    slug: 'drizzle-migration-workflow',
    title: 'A calm migration workflow with Drizzle',
    summary: 'Generating, reviewing and applying schema migrations without surprises in production.',
    tags: ['postgres', 'nextjs'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2025-08-12T09:00:00Z',
    body: `Drizzle keeps the schema in TypeScript and generates SQL migrations from it. The generated SQL is a *draft*: we review it like any other code.

## The loop

1. Edit \`db/schema.ts\`.
2. Run \`drizzle-kit generate\` to produce a numbered migration.
3. Read the SQL. Really read it.
4. Apply it locally, run the test suite, open a pull request.

\`\`\`sql
ALTER TABLE posts ADD COLUMN deleted_at timestamptz;
CREATE INDEX CONCURRENTLY posts_feed_order
  ON posts (status, published_at, id);
\`\`\`

## Things we always check

- Renames that the generator turned into a drop and an add. That loses data.
- Indexes on large tables: prefer \`CREATE INDEX CONCURRENTLY\`.
- New \`NOT NULL\` columns need a default or a backfill step.

### Constraints in the database

We put slug rules in a \`CHECK\` constraint, not just in application code. If a script or a migration writes a bad slug, the database refuses it, and no path through the code can bypass that.

> The database is the last line of defence. Make it a good one.
`,
  },
  {
    slug: 'optimistic-concurrency-if-match',
    title: 'Optimistic concurrency with If-Match and 412',
    summary: 'How the CMS prevents two editors from silently overwriting each other using version numbers and HTTP preconditions.',
    tags: ['http', 'postgres'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-08-26T08:45:00Z',
    body: `Two editors open the same post. Both save. Without a concurrency check, the second save wins and the first editor's work disappears without a trace.

## The lost update problem

Pessimistic locks are awkward on the web: tabs stay open for hours. Instead, every row carries a \`version\` and every save must send the version it read.

\`\`\`sql
UPDATE posts
SET title = $1, body = $2, version = version + 1
WHERE id = $3 AND version = $4
RETURNING version;
\`\`\`

If no row is returned, someone else saved first.

## Over HTTP

The API exposes the version as a strong ETag and requires \`If-Match\` on writes, as described in [RFC 9110 section 13.1.1](https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1):

\`\`\`http
PATCH /api/posts/optimistic-concurrency-if-match HTTP/1.1
If-Match: "v7"
Content-Type: application/json

HTTP/1.1 412 Precondition Failed
\`\`\`

### Missing preconditions

A write without \`If-Match\` gets \`428 Precondition Required\`. That forces every client to think about concurrency at least once.

## In the editor

- Show the conflict, with the other editor's name and time.
- Offer a diff of both versions.
- Never auto-merge prose.
`,
  },
  {
    slug: 'http-410-gone',
    title: '410 Gone: telling clients a post is really gone',
    summary: 'Why soft-deleted posts answer 410 instead of 404, and what that tells crawlers and feed readers.',
    tags: ['http'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-09-02T10:00:00Z',
    body: `A \`404 Not Found\` says "I have nothing here, maybe ever, maybe just now." A \`410 Gone\` says "there *was* something here, and it was removed on purpose."

## Why the distinction matters

- Search engines drop \`410\` URLs from their index faster.
- Feed readers can stop retrying.
- Support staff can tell a typo from a deletion at a glance.

## Implementation

Gazette soft-deletes: the row stays, with a \`deleted_at\` timestamp. Public lookups find the row and answer accordingly:

\`\`\`ts
if (!post) return notFound();
if (post.deletedAt) return new Response(null, { status: 410 });
\`\`\`

### Headers on a 410

A \`410\` response is cacheable by default, per [RFC 9110 section 15.5.11](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.11). We still send an explicit, modest \`Cache-Control\` so an accidental deletion can be reversed without waiting a day.

\`\`\`http
HTTP/1.1 410 Gone
Cache-Control: public, max-age=300
\`\`\`

> Deleting is a decision. Let your status codes say so.
`,
  },
  {
    slug: 'permanent-redirects-308',
    title: '308 vs 301: redirecting renamed slugs',
    summary: 'When an editor renames a post, every old URL should keep working, and the status code you pick decides how.',
    tags: ['http'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-09-16T08:00:00Z',
    body: `Slugs change. A title gets a typo fixed, a product gets a new name, a headline gets rewritten after publication. The old URL is already in feed readers, tweets and bookmarks.

## Choosing the status

- \`301 Moved Permanently\`: historically lets clients change \`POST\` to \`GET\`.
- \`308 Permanent Redirect\`: like 301, but the method and body **must not** change ([RFC 9110 section 15.4.9](https://www.rfc-editor.org/rfc/rfc9110#section-15.4.9)).

For a read API the difference is mostly academic, but \`308\` is the honest choice and avoids surprises for the rare client that writes.

## Storing history

Every slug a post gives up goes into a redirects table that points at the post's ID, not at its new slug:

\`\`\`sql
SELECT p.slug
FROM post_slug_redirects r
JOIN posts p ON p.id = r.post_id
WHERE r.slug = 'etags-demystified';
\`\`\`

### Chains never form

Because redirects point at the post, renaming twice still yields one hop. Our own example: [\`/api/posts/etags-demystified\`](/api/posts/etags-demystified) redirects straight to the current slug.
`,
  },
  {
    slug: 'feed-autodiscovery',
    title: 'Feed autodiscovery with link rel=alternate',
    summary: 'A single link element in the page head lets browsers and readers find your feeds without any user guesswork.',
    tags: ['feeds'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2025-09-16T08:00:00Z',
    body: `Most people never type a feed URL. They paste a site's home page into a reader and expect it to find the feed. That works through **autodiscovery**.

## The markup

\`\`\`html
<link rel="alternate" type="application/atom+xml" title="Gazette (Atom)" href="/atom.xml">
<link rel="alternate" type="application/rss+xml" title="Gazette (RSS)" href="/feed.xml">
<link rel="alternate" type="application/feed+json" title="Gazette (JSON)" href="/feed.json">
\`\`\`

## Guidelines

1. Put the preferred format first; many readers take the first match.
2. Give each link a distinct \`title\` so people can choose.
3. Use absolute or root-relative URLs, never page-relative ones.
4. Add per-tag feeds on tag pages, so subscribing to *only* \`calendars\` is one click.

### HTTP Link headers

You can also advertise feeds with a \`Link\` header, which works for API responses that have no HTML head:

\`\`\`http
Link: </atom.xml>; rel="alternate"; type="application/atom+xml"
\`\`\`

We send it on [\`/api/posts\`](/api/posts) so tooling can discover the feeds from the API.
`,
  },
  {
    slug: 'last-modified-vs-etag',
    title: 'Last-Modified or ETag? Use both, carefully',
    summary: 'The two validators complement each other, but their precision and semantics differ in ways that matter.',
    tags: ['http', 'caching'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-10-01T09:20:00Z',
    body: `HTTP has two validators. \`Last-Modified\` is a date; \`ETag\` is an opaque token. Sending both is cheap, but they must tell the same story.

## Precision

\`Last-Modified\` uses the HTTP date format, which has **one-second** resolution. Two edits in the same second produce the same date. An ETag derived from a version number never collides that way.

## List endpoints

For a single post, \`Last-Modified\` is simply \`updated_at\`. For a list such as \`/api/posts\`, it must be the *maximum* over every item on the page, and it must also change when an item leaves the list:

\`\`\`sql
SELECT max(updated_at) AS last_modified, count(*) AS n
FROM posts
WHERE status = 'published' AND deleted_at IS NULL;
\`\`\`

Including the count catches deletions that would otherwise leave \`max(updated_at)\` unchanged.

### Which one wins

When a request carries both \`If-None-Match\` and \`If-Modified-Since\`, the server must evaluate \`If-None-Match\` and ignore the date. So:

- the ETag is your precise check;
- \`Last-Modified\` is a fallback for clients that only understand dates.

> Two validators, one truth. If they disagree, the ETag wins.
`,
  },
  {
    slug: 'timestamptz-everywhere',
    title: 'timestamptz everywhere: storing instants in Postgres',
    summary: 'Why every timestamp column in Gazette is timestamptz and how that interacts with calendar wall-clock times.',
    tags: ['postgres', 'calendars'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-10-14T07:30:00Z',
    body: `Postgres has two timestamp types, and the names are misleading. \`timestamp\` stores a wall-clock value with no zone. \`timestamptz\` stores an **instant** and converts on input and output.

## The rule

Every column that records *when something happened* uses \`timestamptz\`:

\`\`\`sql
CREATE TABLE posts (
  published_at timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
\`\`\`

## But events need wall clocks

An event "at 09:00 in Tokyo" is a wall-clock time plus a zone. We store:

1. \`starts_at\` and \`ends_at\` as \`timestamptz\` instants, for sorting and range queries;
2. \`time_zone\` as an IANA name, so we can reconstruct the wall clock for iCalendar output.

### Session time zone

Never rely on the session's \`TimeZone\` setting. Set it explicitly in tests so a laptop in Sydney and CI in UTC agree:

\`\`\`sql
SET TIME ZONE 'UTC';
\`\`\`

> Instants for machines, wall clocks for humans, and an IANA zone to translate between them.
`,
  },
  {
    slug: 'sanitizing-markdown',
    title: 'Rendering Markdown safely: sanitize after you parse',
    summary: 'Markdown allows raw HTML, so the rendered output must be sanitized before it reaches a page or a feed.',
    tags: ['nextjs'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-10-28T11:00:00Z',
    body: `Markdown is a convenient authoring format and a **terrible** security boundary. Most parsers pass raw HTML through untouched, including \`<script>\` and \`onerror\` attributes.

## The pipeline

1. Parse Markdown to HTML.
2. Sanitize the HTML with an allow-list.
3. Cache the result keyed by the post version.

\`\`\`ts
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

export function renderBody(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'h2', 'h3']),
    allowedSchemes: ['https', 'mailto'],
  });
}
\`\`\`

## Why after, not before

Sanitizing the Markdown source does not work: the parser can *produce* dangerous HTML from innocent-looking input, for example a link with a \`javascript:\` URL.

### Feeds too

Feed readers render \`content\` as HTML. An unsanitized feed is an XSS vector into someone else's application. The same \`renderBody\` feeds the pages, the JSON API and all three feed formats.

> Trust editors with words, not with script tags.
`,
  },
  {
    slug: 'gazette-1-0-release',
    title: 'Gazette 1.0: feeds, calendars and a read API',
    summary: 'The first stable release ships a read API, three feed formats and an iCalendar feed for events.',
    tags: ['release-notes'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-02-04T16:00:00Z',
    body: `Gazette **1.0** is out. It is the first version we are comfortable calling stable, and the first one we run for our own blog.

## What is included

- A read API under [\`/api/posts\`](/api/posts), [\`/api/changelog\`](/api/changelog) and [\`/api/events\`](/api/events).
- Atom, RSS and JSON Feed outputs for posts and the changelog.
- An iCalendar feed for events, with proper \`TZID\` handling.
- A small CMS for editors, with drafts and scheduled publishing.

## HTTP behaviour

Every public response carries \`ETag\`, \`Last-Modified\` and \`Cache-Control\`, and every one of them answers conditional requests with \`304\`.

\`\`\`http
GET /api/posts HTTP/1.1
If-None-Match: "posts-v1"
\`\`\`

### Upgrading

There is nothing to upgrade from. Run the migrations, seed the demo content and point a feed reader at your instance.

> Thanks to everyone who filed issues against the 0.x betas.
`,
  },
  {
    slug: 'gazette-1-2-release',
    title: 'Gazette 1.2: JSON Feed and conditional requests everywhere',
    summary: 'Version 1.2 adds JSON Feed output, weak ETag comparison and faster list queries.',
    tags: ['release-notes', 'feeds'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-05-13T15:00:00Z',
    body: `Version **1.2** is a quality release. Most changes are invisible until you look at the headers.

## Highlights

1. JSON Feed 1.1 for posts and the changelog.
2. \`If-None-Match\` now uses weak comparison, so gzip-rewritten tags still revalidate.
3. List queries use a partial index and are roughly *four times* faster on large sites.

## Fixed

- All-day events no longer shift by a day for subscribers west of UTC.
- Atom \`updated\` values now include the time zone designator.

\`\`\`sql
CREATE INDEX posts_public_feed ON posts (published_at DESC, id DESC)
  WHERE status = 'published' AND deleted_at IS NULL;
\`\`\`

### Upgrade notes

The migration creates an index. On large tables, run it during a quiet period or create the index \`CONCURRENTLY\` by hand first.
`,
  },
  {
    slug: 'gazette-2-0-release',
    title: 'Gazette 2.0: revisions, redirects and a new editor',
    summary: 'The 2.0 release introduces full revision history, slug redirects and optimistic concurrency in the editor.',
    tags: ['release-notes'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2025-11-18T14:00:00Z',
    updatedAt: '2025-11-20T09:00:00Z',
    body: `Gazette **2.0** is our biggest release so far. The version number signals one breaking change, described below.

## New

- **Revision history** for posts, changelog entries and events, with a diff view.
- **Slug redirects**: renaming a post keeps every old URL working with \`308\`.
- **Optimistic concurrency**: saves require \`If-Match\`, and conflicts show a merge screen.

## Breaking change

Write endpoints now return \`428 Precondition Required\` when \`If-Match\` is missing. Update API clients to send the ETag they read:

\`\`\`ts
await fetch(\`/api/posts/\${slug}\`, {
  method: 'PATCH',
  headers: { 'if-match': etag, 'content-type': 'application/json' },
  body: JSON.stringify(changes),
});
\`\`\`

### Migration

1. Back up your database.
2. Run the migrations; they create the redirects and revisions tables.
3. Restart the application.

Existing posts get a first revision during the migration, so history starts on upgrade day.
`,
  },
  {
    slug: 'gazette-2-3-release',
    title: 'Gazette 2.3: security hardening and calendar fixes',
    summary: 'Version 2.3 tightens sanitization, fixes DST handling in exports and deprecates the legacy feed paths.',
    tags: ['release-notes', 'calendars'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2026-09-08T13:00:00Z',
    body: `Gazette **2.3** focuses on safety and correctness. We recommend upgrading *promptly*.

## Security

- The HTML sanitizer now rejects \`data:\` URLs in images.
- Session cookies are \`__Host-\` prefixed and \`SameSite=Lax\`.

## Calendars

- Events that cross a DST transition now export the correct duration.
- Cancelled events keep their \`UID\` and bump \`SEQUENCE\`, so subscribers actually see the cancellation.

\`\`\`text
STATUS:CANCELLED
SEQUENCE:2
\`\`\`

## Deprecated

The legacy \`/feed.xml\` path still works but now answers with a \`308\` to the new feed URL. It will be removed in 3.0.

### Upgrading

No migrations are required. See the [changelog](/api/changelog) for the full list of entries in this release.
`,
  },
  {
    slug: 'feed-paging-rfc5005',
    title: 'Paging and archiving feeds with RFC 5005',
    summary: 'Feeds do not have to be limited to the latest twenty entries; RFC 5005 defines how to link to older pages.',
    tags: ['feeds'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2025-11-04T10:00:00Z',
    body: `Most feeds show the latest N entries and forget the rest. [RFC 5005](https://www.rfc-editor.org/rfc/rfc5005) describes two ways to do better.

## Paged feeds

A paged feed links to the next page with \`rel="next"\`. Readers may follow it, but are not required to:

\`\`\`xml
<link rel="next" href="https://gazette.example/atom.xml?cursor=abc123"/>
\`\`\`

## Archived feeds

Archived feeds are stronger. Each archive document is **immutable**, so it can be cached forever, and the current document links back with \`prev-archive\`.

### Which one we use

- Paged feeds for posts, because readers mostly want recent entries.
- No archives yet; entries change when editors fix typos, which breaks immutability.

## Cursor reuse

Feed pages reuse the keyset cursors from [\`/api/posts\`](/api/posts). The same ordering, by \`published_at\` and then \`id\`, keeps feed pages stable when two entries share a timestamp.
`,
  },
  {
    slug: 'explain-analyze-feed-queries',
    title: 'Reading EXPLAIN ANALYZE for feed queries',
    summary: 'A walk through a real query plan for the public post listing and what each line tells us.',
    tags: ['postgres'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2025-12-09T09:30:00Z',
    body: `\`EXPLAIN ANALYZE\` runs the query and reports what the planner *did*, not just what it intended. Here is the plan for our public listing.

\`\`\`sql
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, slug, title FROM posts
WHERE status = 'published' AND deleted_at IS NULL
ORDER BY published_at DESC, id DESC
LIMIT 20;
\`\`\`

## What to look for

1. **Index Scan using posts_public_feed**: the partial index is used.
2. **No Sort node**: rows come out of the index already ordered.
3. **Limit** with \`rows=20\`: the scan stopped early.
4. **Buffers: shared hit**: everything came from memory.

### Red flags

- A \`Seq Scan\` on a large table for a query with \`LIMIT\`.
- A \`Sort\` node above an index scan, which usually means the \`ORDER BY\` does not match the index.
- Estimates off by orders of magnitude; run \`ANALYZE\` on the table.

> Read plans from the inside out: the most indented node runs first.

The [official EXPLAIN documentation](https://www.postgresql.org/docs/current/using-explain.html) is worth an afternoon.
`,
  },
  {
    slug: 'vary-header-pitfalls',
    title: 'The Vary header and cache fragmentation',
    summary: 'Vary tells caches which request headers change a response, and listing the wrong ones can destroy your hit rate.',
    tags: ['caching', 'http'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2026-01-13T08:00:00Z',
    body: `\`Vary\` is a list of request headers that a shared cache must include in its cache key. It is essential for correctness and dangerous for performance.

## Good uses

- \`Vary: Accept\` when the same URL negotiates between JSON and a feed.
- \`Vary: Accept-Encoding\`, which CDNs normalise for you.

## Bad uses

- \`Vary: User-Agent\` creates a separate cache entry for every browser build. The hit rate collapses.
- \`Vary: Cookie\` on public pages makes every visitor's response unique.
- \`Vary: *\` means "never reuse this", which is just \`no-store\` with extra steps.

\`\`\`http
HTTP/1.1 200 OK
Content-Type: application/json
Cache-Control: public, s-maxage=300
Vary: Accept
\`\`\`

### Normalise before you vary

If you must vary on a header with many values, have the CDN normalise it first (for example, map \`Accept\` to one of three buckets) and vary on the normalised header. See [RFC 9110 section 12.5.5](https://www.rfc-editor.org/rfc/rfc9110#section-12.5.5) for the semantics.
`,
  },
  {
    slug: 'rate-limiting-429',
    title: 'Rate limiting with 429 and Retry-After',
    summary: 'How the public API tells aggressive clients to slow down without breaking well-behaved feed readers.',
    tags: ['http'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2026-02-17T10:45:00Z',
    body: `Some feed readers poll every thirty seconds. Some scrapers poll every thirty milliseconds. A rate limit protects everyone else.

## The response

[RFC 6585](https://www.rfc-editor.org/rfc/rfc6585#section-4) defines \`429 Too Many Requests\`. Pair it with \`Retry-After\`:

\`\`\`http
HTTP/1.1 429 Too Many Requests
Retry-After: 120
Content-Type: application/problem+json

{"type":"about:blank","title":"Too Many Requests","status":429}
\`\`\`

## Our policy

1. Limits are per client IP and per API token.
2. Conditional requests that end in \`304\` count as **one tenth** of a full request.
3. Limits are generous; the goal is to stop accidents, not to meter usage.

### Be kind to feed readers

A reader that revalidates politely with \`If-None-Match\` should never hit the limit. If it does, the limit is wrong, not the reader.

> Rewarding good caching behaviour is cheaper than punishing bad behaviour.
`,
  },
  {
    slug: 'structured-errors-problem-json',
    title: 'Structured errors with application/problem+json',
    summary: 'Returning RFC 9457 problem details gives API clients machine-readable errors instead of HTML error pages.',
    tags: ['http', 'nextjs'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2026-03-04T09:30:00Z',
    body: `An error page designed for humans is useless to a script. [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) defines a small JSON format for HTTP errors that both can read.

## The shape

\`\`\`ts
interface ProblemDetails {
  type: string;     // a URI identifying the problem type
  title: string;    // short, human-readable summary
  status: number;   // the HTTP status code
  detail?: string;  // explanation specific to this occurrence
  instance?: string;
}
\`\`\`

## Examples from our API

- \`412\` when \`If-Match\` does not match, with the current version in \`detail\`.
- \`422\` when a slug does not match \`^[a-z0-9]+(-[a-z0-9]+)*$\`.
- \`404\` for unknown posts under [\`/api/posts\`](/api/posts).

### Keep \`type\` stable

Clients branch on \`type\`, not on \`title\`. Titles may be reworded or translated; types are part of the API contract.

> If the status code is the verb, problem details are the sentence.
`,
  },
  {
    slug: 'webhooks-for-publishing',
    title: 'Signed webhooks for publish events',
    summary: 'Downstream systems learn about new posts through signed webhooks that are safe to retry.',
    tags: ['http'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2026-04-21T12:30:00Z',
    updatedAt: '2026-05-02T10:00:00Z',
    body: `Search indexes, newsletters and social schedulers all want to know when something is published. Polling works, but webhooks are faster.

## Delivery guarantees

Webhooks are delivered **at least once**. Receivers must be idempotent, so every payload carries a unique delivery ID.

\`\`\`http
POST /hooks/gazette HTTP/1.1
Content-Type: application/json
Gazette-Delivery: 5b2c9e1a
Gazette-Signature: t=1745238600,v1=6f1d...
\`\`\`

## Verifying signatures

\`\`\`ts
const expected = hmacSha256(secret, \`\${timestamp}.\${rawBody}\`);
if (!timingSafeEqual(expected, received)) return new Response(null, { status: 401 });
\`\`\`

### Checklist for receivers

1. Verify the signature against the **raw** body, before parsing.
2. Reject timestamps older than five minutes.
3. Store the delivery ID and ignore repeats.
4. Respond quickly; do the real work in a queue.

Failed deliveries are retried with exponential backoff for up to a day.
`,
  },
  {
    slug: 'ics-escaping-rules',
    title: 'Escaping text in iCalendar: commas, semicolons and newlines',
    summary: 'iCalendar text values have their own escaping rules, and getting them wrong corrupts descriptions silently.',
    tags: ['calendars'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2026-05-19T08:30:00Z',
    body: `iCalendar is a line-based format from the 1990s. Text values such as \`DESCRIPTION\` and \`LOCATION\` must escape a handful of characters, described in [RFC 5545 section 3.3.11](https://www.rfc-editor.org/rfc/rfc5545#section-3.3.11).

## The rules

- Backslash becomes \`\\\\\`.
- Semicolon becomes \`\\;\`.
- Comma becomes \`\\,\`.
- A newline becomes the two characters \`\\n\`.

\`\`\`ts
export function escapeText(value: string): string {
  return value
    .replace(/\\\\/g, '\\\\\\\\')
    .replace(/;/g, '\\\\;')
    .replace(/,/g, '\\\\,')
    .replace(/\\r?\\n/g, '\\\\n');
}
\`\`\`

## Line folding

Lines longer than **75 octets** must be folded: break the line and start the continuation with a single space. Count *octets*, not characters, or multi-byte text will produce invalid output.

### Test with real data

Our demo events deliberately include descriptions with commas, semicolons and line breaks, and a location with a comma. Export [\`/api/events\`](/api/events) as iCalendar and import it into two clients to see the escaping survive.
`,
  },
  {
    slug: 'core-web-vitals-for-articles',
    title: 'Core Web Vitals for article pages',
    summary: 'Article pages are mostly text, which makes good Web Vitals achievable if images and fonts are handled deliberately.',
    tags: ['nextjs'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2026-06-23T07:15:00Z',
    body: `A text article should be the easiest page on the web to make fast. It often is not, because of hero images, web fonts and third-party embeds.

## Largest Contentful Paint

The LCP element is usually the hero image or the headline.

1. Give the hero image explicit \`width\` and \`height\`.
2. Mark it as high priority so it is fetched early.
3. Serve modern formats at sensible sizes.

## Cumulative Layout Shift

- Reserve space for embeds before they load.
- Use \`font-display: optional\` or a matched fallback font.
- Never inject banners above content that is already visible.

\`\`\`tsx
import Image from 'next/image';

export function Hero({ src, alt }: { src: string; alt: string }) {
  return <Image src={src} alt={alt} width={1200} height={630} priority />;
}
\`\`\`

### Measure in the field

Lab tools are a starting point. Real-user data tells you what readers on slow phones actually experience, and that is *the* number that matters.
`,
  },
  {
    slug: 'postgres-full-text-search',
    title: 'Full-text search for posts with Postgres',
    summary: 'Postgres full-text search is good enough for a blog archive, with a generated tsvector column and a GIN index.',
    tags: ['postgres'],
    author: 'Maya Okonkwo',
    status: 'published',
    publishedAt: '2026-07-28T09:00:00Z',
    body: `Before reaching for a search service, try what Postgres already has. For a few thousand posts, it is *more* than enough.

## A generated column

\`\`\`sql
ALTER TABLE posts ADD COLUMN search tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(body, '')), 'B')
  ) STORED;

CREATE INDEX posts_search ON posts USING gin (search);
\`\`\`

## Querying

\`\`\`sql
SELECT slug, ts_rank(search, q) AS rank
FROM posts, websearch_to_tsquery('english', 'etag caching') AS q
WHERE search @@ q AND status = 'published'
ORDER BY rank DESC
LIMIT 10;
\`\`\`

### Limitations

- Language-specific stemming: one configuration per column.
- No typo tolerance; consider the \`pg_trgm\` extension for that.
- Ranking is simple but predictable.

> Start with the database you have. Move to a search engine when you can name the feature you are missing.
`,
  },
  {
    slug: 'icalendar-subscriptions-vs-downloads',
    title: 'Calendar subscriptions versus one-off downloads',
    summary: 'Subscribing to a calendar URL and importing an .ics file look similar to users but behave very differently.',
    tags: ['calendars', 'http'],
    author: 'Tobias Lindqvist',
    status: 'published',
    publishedAt: '2026-08-11T14:20:00Z',
    body: `An \`.ics\` file can be **imported** once or **subscribed** to. Imported events are copies; subscribed events update when the source changes.

## Subscriptions

Calendar apps poll subscribed URLs on their own schedule, often every few hours and sometimes only daily. You cannot force a refresh, but you can help:

- Answer conditional requests with \`304\` so polling is cheap.
- Use stable \`UID\` values so updates replace old events.
- Offer a \`webcal://\` link, which most platforms open in the calendar app.

\`\`\`http
GET /api/events.ics HTTP/1.1
If-None-Match: "events-v88"

HTTP/1.1 304 Not Modified
\`\`\`

## Downloads

Per-event downloads are useful for "add to calendar" buttons. They should carry:

1. \`Content-Type: text/calendar; charset=utf-8\`;
2. \`Content-Disposition: attachment; filename="event.ics"\`;
3. the same \`UID\` as the subscription feed, so importing does not duplicate.

### Hidden events

Unpublished events never appear in either. A subscriber who could see a draft would keep it forever.
`,
  },
  {
    slug: 'http-caching-checklist',
    title: 'An HTTP caching checklist for content APIs',
    summary: 'Eleven questions to ask of every public endpoint before it ships.',
    tags: ['caching', 'http'],
    author: 'Priya Raghavan',
    status: 'published',
    publishedAt: '2026-10-06T08:00:00Z',
    body: `We run this checklist against every new public endpoint. It has caught more bugs than any test suite.

## Freshness

1. Does the response carry an explicit \`Cache-Control\`?
2. Are browser and CDN lifetimes different, via \`s-maxage\`?
3. Is \`stale-while-revalidate\` appropriate?

## Validation

4. Is there an \`ETag\`, and does it change when the body changes?
5. Is there a \`Last-Modified\`, and is it the maximum over a list?
6. Does the endpoint answer \`If-None-Match\` with \`304\`?

## Variation

7. Does \`Vary\` list every header that changes the body, and no others?
8. Are cookies ignored on public routes?

## Edge cases

9. Do \`404\` and \`410\` have sensible, short lifetimes?
10. Are redirects \`308\` and cacheable?
11. Does \`HEAD\` return the same headers as \`GET\`?

### Run it

\`\`\`bash
curl -sI https://gazette.example/api/posts | grep -iE 'cache-control|etag|last-modified|vary'
\`\`\`

The specification for all of this is [RFC 9111](https://www.rfc-editor.org/rfc/rfc9111). Read it once a year.
`,
  },
  {
    slug: 'editorial-workflow-scheduling',
    title: 'Scheduling posts without cron surprises',
    summary: 'How scheduled posts become visible at exactly their publication time without a background job flipping a flag.',
    tags: ['postgres', 'nextjs'],
    author: 'Daniel Ferreira',
    status: 'published',
    publishedAt: '2026-11-12T09:00:00Z',
    body: `A scheduled post should appear at its publication time, not whenever a cron job next runs. The trick is to make visibility a *query*, not a *state change*.

## Visibility as a predicate

\`\`\`sql
SELECT * FROM posts
WHERE status IN ('published', 'scheduled')
  AND published_at <= now()
  AND deleted_at IS NULL;
\`\`\`

No job needs to flip \`scheduled\` to \`published\`. The post becomes visible the moment the clock passes \`published_at\`.

## Caching implications

- A list endpoint's \`max-age\` must not extend past the next scheduled publication.
- Purge the feeds when a scheduled post goes live; a small job still helps here, but correctness does not depend on it.

### In the editor

1. Editors pick a date, time and zone.
2. The CMS stores the instant as \`timestamptz\`.
3. The preview shows the local time for the editor *and* UTC.

> A schedule is just a timestamp in the future. Treat it that way.
`,
  },
  {
    slug: 'websub-real-time-feeds',
    title: 'Notes on WebSub for real-time feeds',
    summary: 'Draft notes on pushing feed updates to subscribers with WebSub instead of waiting for them to poll.',
    tags: ['feeds'],
    author: 'Maya Okonkwo',
    status: 'draft',
    publishedAt: null,
    body: `*Draft: not ready for publication.*

## What WebSub does

[WebSub](https://www.w3.org/TR/websub/) lets a publisher ping a hub when a feed changes. The hub then pushes the new content to subscribers.

- Publisher advertises a hub with a \`rel="hub"\` link.
- Subscribers register a callback URL with the hub.
- On publish, we ping the hub; it fetches the feed and fans out.

\`\`\`http
Link: <https://hub.example/>; rel="hub"
Link: <https://gazette.example/atom.xml>; rel="self"
\`\`\`

## Open questions

1. Do we run our own hub or use a public one?
2. How do we handle hub downtime without blocking publishing?
3. Which readers actually support it today?

> TODO: measure how many of our subscribers would benefit.
`,
  },
  {
    slug: 'structured-data-for-articles',
    title: 'Structured data for article pages',
    summary: 'Draft guidance on emitting schema.org Article metadata so search engines understand authors and dates.',
    tags: ['nextjs'],
    author: 'Tobias Lindqvist',
    status: 'draft',
    publishedAt: null,
    body: `*Work in progress.*

## Why bother

Search engines use structured data to show bylines, dates and images. For a publication, the \`Article\` type covers most needs.

\`\`\`ts
const jsonLd = {
  '@context': 'https://schema.org',
  '@type': 'Article',
  headline: post.title,
  datePublished: post.publishedAt,
  dateModified: post.updatedAt,
  author: { '@type': 'Person', name: post.author },
};
\`\`\`

## To decide

- Whether to include the full body or only the summary.
- How to represent posts with more than one author.
- Whether changelog entries deserve their own type.

### Notes

Keep \`dateModified\` in sync with the feeds' \`updated\` values, or search results and readers will disagree about freshness.
`,
  },
  {
    slug: 'gazette-2-4-preview',
    title: 'Gazette 2.4 preview: recurring events',
    summary: 'The upcoming 2.4 release adds recurring events with RRULE support and per-occurrence exceptions.',
    tags: ['release-notes', 'calendars'],
    author: 'Priya Raghavan',
    status: 'scheduled',
    publishedAt: '2027-01-15T09:00:00Z',
    body: `Gazette **2.4** brings the most requested calendar feature: recurring events.

## What is coming

- \`RRULE\` support for daily, weekly and monthly patterns.
- Exceptions with \`EXDATE\`, so a single meetup can be skipped.
- Overrides with \`RECURRENCE-ID\`, so one occurrence can move.

\`\`\`text
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10
EXDATE;TZID=Europe/Berlin:20270209T180000
\`\`\`

## Time zones and recurrence

Recurrences expand in the event's **local** zone. A weekly 18:00 meeting in Berlin stays at 18:00 across the March transition, which means its UTC time changes. We expand occurrences with the same code that already handles DST for single events.

### Limits

1. Expansion in the JSON API is capped at one year ahead.
2. \`RDATE\` is not supported in 2.4.
3. The iCalendar feed emits the rule itself, so clients expand it.

Read more about the rules in [RFC 5545 section 3.3.10](https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10).
`,
  },
];

export const seedChangelog: SeedChangelogEntry[] = [
  {
    key: 'atom-and-rss-feeds',
    title: 'Atom and RSS feeds for posts',
    body: 'Posts are now available as an **Atom 1.0** and an **RSS 2.0** feed. Both feeds answer conditional requests with `304 Not Modified`.',
    category: 'added',
    productVersion: '1.0.0',
    status: 'published',
    publishedAt: '2025-02-04T16:30:00Z',
  },
  {
    key: 'icalendar-event-feed',
    title: 'iCalendar feed for events',
    body: 'Published events are exported as an iCalendar feed with `TZID` parameters and a `VTIMEZONE` block for every zone in use.',
    category: 'added',
    productVersion: '1.0.0',
    status: 'published',
    publishedAt: '2025-02-04T16:35:00Z',
  },
  {
    key: 'json-feed-output',
    title: 'JSON Feed 1.1 output',
    body: 'Posts and changelog entries can now be read as [JSON Feed 1.1](https://www.jsonfeed.org/version/1.1/), served as `application/feed+json`.',
    category: 'added',
    productVersion: '1.2.0',
    status: 'published',
    publishedAt: '2025-05-13T15:10:00Z',
  },
  {
    key: 'weak-etag-comparison',
    title: 'If-None-Match uses weak comparison',
    body: '`If-None-Match` now compares entity tags weakly, as RFC 9110 requires. Responses whose tags were rewritten to `W/"..."` by a CDN revalidate correctly.',
    category: 'changed',
    productVersion: '1.2.0',
    status: 'published',
    publishedAt: '2025-05-13T15:20:00Z',
  },
  {
    key: 'all-day-events-shifted',
    title: 'All-day events no longer shift by a day',
    body: 'All-day events were exported as UTC midnights, which moved them to the previous day for subscribers west of UTC. They are now exported as `DATE` values with an exclusive `DTEND`.',
    category: 'fixed',
    productVersion: '1.2.0',
    status: 'published',
    publishedAt: '2025-05-13T15:30:00Z',
  },
  {
    key: 'revision-history',
    title: 'Revision history for all content',
    body: 'Every save of a post, changelog entry or event now stores a full snapshot.\n\n- Editors can compare any two revisions.\n- Restoring a revision creates a new revision.',
    category: 'added',
    productVersion: '2.0.0',
    status: 'published',
    publishedAt: '2025-11-18T14:10:00Z',
  },
  {
    key: 'if-match-required-on-writes',
    title: 'Writes require If-Match',
    body: 'Write endpoints return `428 Precondition Required` when the `If-Match` header is missing, and `412 Precondition Failed` when it is stale.',
    category: 'changed',
    productVersion: '2.0.0',
    status: 'published',
    publishedAt: '2025-11-18T14:20:00Z',
  },
  {
    key: 'offset-pagination-deprecated',
    title: 'Offset pagination is deprecated',
    body: 'The `?page=` and `?offset=` parameters on [`/api/posts`](/api/posts) are deprecated in favour of opaque cursors. Responses that use them carry a `Deprecation` header.',
    category: 'deprecated',
    productVersion: '2.0.0',
    status: 'published',
    publishedAt: '2025-11-18T14:30:00Z',
  },
  {
    key: 'x-gazette-version-header-removed',
    title: 'X-Gazette-Version header removed',
    body: 'Responses no longer include the `X-Gazette-Version` header. Use the `version` field of the JSON body or the `ETag` instead.',
    category: 'removed',
    productVersion: '2.1.0',
    status: 'published',
    publishedAt: '2026-01-27T10:00:00Z',
  },
  {
    key: 'duplicate-entries-on-tied-timestamps',
    title: 'No more duplicate entries across pages',
    body: 'Posts that shared the same `published_at` could appear on two consecutive pages. Listings now order by `published_at` and then `id`.',
    category: 'fixed',
    productVersion: '2.1.0',
    status: 'published',
    publishedAt: '2026-01-27T10:05:00Z',
  },
  {
    key: 'offset-pagination-removed',
    title: 'Offset pagination removed',
    body: 'The deprecated `?page=` and `?offset=` parameters have been removed. Requests that use them receive `400 Bad Request` with a problem details body.',
    category: 'removed',
    productVersion: '2.2.0',
    status: 'published',
    publishedAt: '2026-05-05T10:00:00Z',
  },
  {
    key: 'sanitizer-rejects-data-urls',
    title: 'Sanitizer rejects data: URLs',
    body: 'The HTML sanitizer now strips `data:` and `javascript:` URLs from links and images in rendered Markdown, including in feed content.',
    category: 'security',
    productVersion: '2.3.0',
    status: 'published',
    publishedAt: '2026-09-08T13:10:00Z',
  },
  {
    key: 'dst-event-duration',
    title: 'Correct durations across DST transitions',
    body: 'Timed events that cross a daylight saving time change now export the real elapsed duration. An overnight event on the night the clocks go forward is one hour shorter than its wall-clock span.',
    category: 'fixed',
    productVersion: '2.3.0',
    status: 'published',
    publishedAt: '2026-09-08T13:20:00Z',
  },
  {
    key: 'legacy-rss-path-deprecated',
    title: 'Legacy /feed.xml path deprecated',
    body: 'The legacy `/feed.xml` path now answers `308 Permanent Redirect` to the current RSS feed. It will be removed in 3.0.',
    category: 'deprecated',
    productVersion: '2.3.0',
    status: 'published',
    publishedAt: '2026-09-08T13:30:00Z',
  },
  {
    key: 'host-prefixed-session-cookies',
    title: 'Host-prefixed session cookies',
    body: 'CMS session cookies now use the `__Host-` prefix, `Secure` and `SameSite=Lax`. Existing sessions are signed out once after the upgrade.',
    category: 'security',
    productVersion: '2.3.1',
    status: 'published',
    publishedAt: '2026-10-20T09:00:00Z',
  },
  {
    key: 'documentation-moved',
    title: 'Documentation has a new home',
    body: 'The documentation moved to its own site; old links redirect automatically. This change is not tied to a release.',
    category: 'changed',
    productVersion: null,
    status: 'published',
    publishedAt: '2026-11-03T08:00:00Z',
  },
  {
    key: 'recurring-events-rrule',
    title: 'Recurring events',
    body: 'Events can repeat with an `RRULE`.\n\n1. Daily, weekly and monthly rules.\n2. Exceptions with `EXDATE`.',
    category: 'added',
    productVersion: '2.4.0',
    status: 'draft',
    publishedAt: null,
  },
];

export const seedEvents: SeedEvent[] = [
  // Past events (2026-06 .. 2026-11)
  {
    key: 'berlin-publishing-meetup-june-2026',
    title: 'Berlin Publishing Engineers Meetup',
    description:
      'An evening of short talks on feeds, caching and calendars; doors open at 18:00, talks start at 18:30.\nDrinks, snacks and stickers provided.',
    location: 'Kulturbrauerei, Schönhauser Allee 36, 10435 Berlin',
    url: 'https://gazette.example/events/berlin-meetup-2026',
    start: '2026-06-18T18:30',
    end: '2026-06-18T21:00',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'feeds-workshop-new-york',
    title: 'Hands-on Workshop: Building Correct Feeds',
    description:
      'Bring a laptop; we will build Atom, RSS and JSON Feed outputs from scratch.\nPrerequisites: Node.js 20+, a text editor, and curiosity.',
    location: 'Civic Hall, 124 East 14th Street, New York, NY',
    url: 'https://gazette.example/events/feeds-workshop',
    start: '2026-07-22T13:00',
    end: '2026-07-22T17:00',
    allDay: false,
    timeZone: 'America/New_York',
    status: 'confirmed',
    sequence: 1,
    published: true,
  },
  {
    key: 'summer-release-freeze-2026',
    title: 'Summer release freeze',
    description: 'No production deploys during the freeze week; security fixes are the only exception.',
    location: 'Everywhere',
    url: null,
    start: '2026-08-03',
    end: '2026-08-08',
    allDay: true,
    timeZone: 'Europe/London',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'gazette-2-3-launch-day',
    title: 'Gazette 2.3 launch day',
    description: 'Release day for Gazette 2.3, with a live Q&A in the afternoon.',
    location: 'Online',
    url: 'https://gazette.example/blog/gazette-2-3-release',
    start: '2026-09-08',
    end: '2026-09-09',
    allDay: true,
    timeZone: 'Europe/London',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'tokyo-http-study-group',
    title: 'HTTP Semantics Study Group',
    description: 'Reading group working through RFC 9110, one section per session. This month: conditional requests.',
    location: 'Shibuya Stream 7F, Tokyo',
    url: null,
    start: '2026-09-10T19:00',
    end: '2026-09-10T21:00',
    allDay: false,
    timeZone: 'Asia/Tokyo',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'sydney-caching-webinar',
    title: 'Webinar: CDN caching for content APIs',
    description:
      'Cancelled: the speaker is unwell; we will reschedule, and registrants will be notified by email.\nApologies for the short notice.',
    location: 'Online (Zoom)',
    url: 'https://gazette.example/events/caching-webinar',
    start: '2026-10-07T10:00',
    end: '2026-10-07T11:00',
    allDay: false,
    timeZone: 'Australia/Sydney',
    status: 'cancelled',
    sequence: 2,
    published: true,
  },
  {
    key: 'london-editor-training-november',
    title: 'Editor training: revisions and scheduling',
    description: 'A two-hour session for new editors covering drafts, scheduling, revisions and slug changes.',
    location: 'The Guardian Building, Kings Place, London',
    url: null,
    start: '2026-11-05T14:00',
    end: '2026-11-05T16:00',
    allDay: false,
    timeZone: 'Europe/London',
    status: 'confirmed',
    sequence: 1,
    published: true,
  },
  // Upcoming events (2026-12 .. 2027-06)
  {
    key: 'year-end-maintenance-window',
    title: 'Year-end database maintenance window',
    description: 'Planned maintenance: Postgres major upgrade; the CMS is read-only, public APIs stay up.',
    location: 'us-east-1',
    url: 'https://status.gazette.example/',
    start: '2026-12-19T23:00',
    end: '2026-12-20T03:00',
    allDay: false,
    timeZone: 'America/New_York',
    status: 'confirmed',
    sequence: 3,
    published: true,
  },
  {
    key: 'newsroom-holiday-closure',
    title: 'Newsroom holiday closure',
    description: 'The editorial team is off; scheduled posts still go out, but support replies may be slow.',
    location: 'Berlin office',
    url: null,
    start: '2026-12-24',
    end: '2027-01-02',
    allDay: true,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'overnight-archive-migration-new-york',
    title: 'Overnight archive migration (US DST night)',
    description:
      'Migrating the 2015-2020 archive to the new storage; runs overnight, while US clocks spring forward at 02:00.\nExpected real duration: 5 hours, not 6.',
    location: 'New York data center',
    url: null,
    start: '2027-03-13T22:00',
    end: '2027-03-14T04:00',
    allDay: false,
    timeZone: 'America/New_York',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'overnight-reindex-berlin',
    title: 'Overnight search reindex (EU DST night)',
    description: 'Full-text search reindex; the EU clocks go forward at 02:00, so the window is 9 real hours.',
    location: 'Frankfurt region',
    url: null,
    start: '2027-03-27T20:00',
    end: '2027-03-28T06:00',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    sequence: 1,
    published: true,
  },
  {
    key: 'tokyo-calendars-conference-talk',
    title: 'Talk: Time zones are a feature',
    description: 'Proposed talk on wall-clock times, IANA zones and iCalendar; awaiting confirmation from the organisers.',
    location: 'Tokyo International Forum, Hall B7',
    url: 'https://gazette.example/events/tokyo-talk',
    start: '2027-04-22T14:00',
    end: '2027-04-22T14:45',
    allDay: false,
    timeZone: 'Asia/Tokyo',
    status: 'tentative',
    sequence: 1,
    published: true,
  },
  {
    key: 'sydney-feeds-meetup-may-2027',
    title: 'Sydney Feeds & Friends Meetup',
    description: 'Lightning talks about RSS, podcasts and newsletters. Pizza from 18:00.',
    location: 'Fishburners, Sydney',
    url: null,
    start: '2027-05-12T18:00',
    end: '2027-05-12T20:30',
    allDay: false,
    timeZone: 'Australia/Sydney',
    status: 'confirmed',
    sequence: 0,
    published: true,
  },
  {
    key: 'gazette-3-planning-summit',
    title: 'Gazette 3.0 planning summit (internal)',
    description: 'Internal planning for 3.0: roadmap, deprecations and staffing. Not public yet.',
    location: 'London office',
    url: null,
    start: '2027-06-09',
    end: '2027-06-11',
    allDay: true,
    timeZone: 'Europe/London',
    status: 'confirmed',
    sequence: 0,
    published: false,
  },
];
