// Structured data (SPEC §11) as a crawler reads it: plain HTTP, every <script type=
// "application/ld+json"> parsed with JSON.parse, schema.org types and their required properties
// checked, dates ISO 8601 with offsets, and a hostile title unable to leave its script element.
import * as cheerio from 'cheerio';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authors, posts } from '@/db/schema';
import { startTestServer, type TestServer } from '../helpers/app-server';
import { type CookieJar, signIn, submitForm } from '../helpers/cms-client';

let server: TestServer;
let editor: CookieJar;
beforeAll(async () => {
  server = await startTestServer();
  editor = await signIn(server.url, 'editor');
});
afterAll(async () => {
  await server?.close();
});

type Node = Record<string, unknown> & { '@type': string };
/** An instant with its offset (Z or ±hh:mm), as schema.org DateTime wants it. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const said = (r: { messages: string[]; fieldErrors: string[] }) => [...r.messages, ...r.fieldErrors].join(' | ');

/** The page's HTML (read to its end: pages stream) and every JSON-LD node in it. */
async function jsonLd(path: string): Promise<{ html: string; scripts: string[]; nodes: Node[] }> {
  const res = await fetch(server.url + path);
  const html = await res.text();
  expect(res.status, path).toBe(200);
  const $ = cheerio.load(html);
  const scripts = $('script[type="application/ld+json"]').map((_, s) => $(s).html() ?? '').get();
  const nodes = scripts.flatMap((text) => [JSON.parse(text)].flat() as Node[]);
  for (const node of nodes) expect(node['@context'], JSON.stringify(node)).toBe('https://schema.org');
  return { html, scripts, nodes };
}
const ofType = (nodes: Node[], type: string) => nodes.filter((n) => n['@type'] === type);

function expectBreadcrumbs(node: Node | undefined, names: string[]) {
  const items = node?.itemListElement as { '@type': string; position: number; name: string; item: string }[];
  expect(items.map((i) => [i['@type'], i.position, i.name])).toEqual(names.map((n, i) => ['ListItem', i + 1, n]));
  for (const i of items) expect(i.item).toMatch(new RegExp(`^${server.url}/`));
}

describe('a post page', () => {
  const slug = 'structured-hostile';
  const title = 'Breaking </script><script>alert("ld")</script> & <!-- news';
  let authorSlug: string;
  beforeAll(async () => {
    const res = await submitForm(server.url, '/cms/posts/new', editor, {
      fields: { title, slug, summary: 'Why </SCRIPT> is only text here.', body: 'Body.', tags: 'json-ld, security' },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const [row] = await server.handle.db.select({ slug: authors.slug }).from(posts).innerJoin(authors, eq(authors.id, posts.authorId)).where(eq(posts.slug, slug));
    authorSlug = row!.slug;
  });

  it('carries a BlogPosting with headline, dates with offsets, author, image, publisher and its canonical page', async () => {
    const { nodes } = await jsonLd(`/posts/${slug}`);
    const [post, ...more] = ofType(nodes, 'BlogPosting');
    expect(more).toEqual([]);
    expect(post).toMatchObject({
      headline: title,
      description: 'Why </SCRIPT> is only text here.',
      url: `${server.url}/posts/${slug}`,
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${server.url}/posts/${slug}` },
      author: { '@type': 'Person', url: `${server.url}/authors/${authorSlug}` },
      image: [`${server.url}/posts/${slug}/opengraph-image`],
      keywords: 'json-ld, security',
      publisher: { '@type': 'Organization', name: 'Gazette', logo: { '@type': 'ImageObject', url: `${server.url}/icon.svg` } },
    });
    expect(typeof (post!.author as { name: unknown }).name).toBe('string');
    expect(post!.datePublished).toMatch(INSTANT);
    expect(post!.dateModified).toMatch(INSTANT);
    expect(Date.parse(post!.dateModified as string)).toBeGreaterThanOrEqual(Date.parse(post!.datePublished as string));
  });

  it('keeps a title with </script> inside its script element: escaped, and parsed back intact', async () => {
    const { html, scripts } = await jsonLd(`/posts/${slug}`);
    for (const text of scripts) expect(text).not.toMatch(/[<>]/);
    // The only <script> elements with the title's payload are none: it never became markup.
    const $ = cheerio.load(html);
    expect($('script').filter((_, s) => $(s).html()?.includes('alert("ld")') ?? false).length).toBe(0);
    expect(html).not.toContain('<script>alert("ld")</script>');
  });

  it('links the byline and each tag to their pages, which carry BreadcrumbLists: Home › tag, Home › author', async () => {
    const { html } = await jsonLd(`/posts/${slug}`);
    const $ = cheerio.load(html);
    expect($(`article .meta a[rel="author"]`).attr('href')).toBe(`/authors/${authorSlug}`);
    expect($('article .meta a[rel="tag"]').map((_, a) => $(a).attr('href')).get()).toEqual(['/tags/json-ld', '/tags/security']);
    const [tagCrumbs] = ofType((await jsonLd('/tags/json-ld')).nodes, 'BreadcrumbList');
    expectBreadcrumbs(tagCrumbs, ['Home', 'json-ld']);
    const author = await jsonLd(`/authors/${authorSlug}`);
    const [authorCrumbs] = ofType(author.nodes, 'BreadcrumbList');
    expect((authorCrumbs!.itemListElement as { item: string }[])[1]!.item).toBe(`${server.url}/authors/${authorSlug}`);
  });

  it('carries a BreadcrumbList: Home › the post', async () => {
    const { nodes } = await jsonLd(`/posts/${slug}`);
    const [crumbs] = ofType(nodes, 'BreadcrumbList');
    expectBreadcrumbs(crumbs, ['Home', title]);
  });

  it('takes the meta description, and keeps its own page as the main entity under a canonical override', async () => {
    const id = (await server.handle.db.select({ id: posts.id }).from(posts).where(eq(posts.slug, slug)))[0]!.id;
    const res = await submitForm(server.url, `/cms/posts/${id}`, editor, {
      fields: { metaDescription: 'For search results.', canonicalUrl: 'https://original.example/breaking' },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const [post] = ofType((await jsonLd(`/posts/${slug}`)).nodes, 'BlogPosting');
    expect(post).toMatchObject({ description: 'For search results.', mainEntityOfPage: { '@id': `${server.url}/posts/${slug}` } });
  });
});

describe('the events page', () => {
  beforeAll(async () => {
    const events: Record<string, string>[] = [
      // Summer time in Berlin (UTC+2), in person.
      { title: 'Structured meetup', description: 'Talks </script> and cake.', location: 'Kreuzberg, Berlin', url: '', timeZone: 'Europe/Berlin', start: '2031-06-10T18:00', end: '2031-06-10T21:00', status: 'confirmed' },
      // Winter time in New York (UTC-5), online only, cancelled.
      { title: 'Structured webinar', description: '', location: '', url: 'https://stream.example/live', timeZone: 'America/New_York', start: '2031-12-02T09:30', end: '2031-12-02T10:30', status: 'cancelled' },
      // All day: dates, not instants.
      { title: 'Structured release day', description: 'Ship it.', location: 'Everywhere', url: '', timeZone: 'Asia/Tokyo', allDay: 'on', start: '2031-07-01', end: '2031-07-02', status: 'tentative' },
    ];
    for (const fields of events) {
      const res = await submitForm(server.url, '/cms/events/new', editor, { fields, submit: { intent: 'publish' } });
      expect(res.outcome, said(res)).toBe('redirected');
    }
  });

  it('carries an Event per listed event: zone offsets, status, attendance mode, location, url', async () => {
    const { nodes, html } = await jsonLd('/events');
    const events = ofType(nodes, 'Event');
    const $ = cheerio.load(html);
    expect(events.length).toBe($('main li').length);
    for (const e of events) {
      expect(typeof e.name).toBe('string');
      expect(e.startDate).toMatch(/^\d{4}-\d\d-\d\d/);
      expect(e.eventStatus).toMatch(/^https:\/\/schema\.org\/Event(Scheduled|Cancelled|Postponed|Rescheduled|MovedOnline)$/);
      expect(e.url).toMatch(/^https?:\/\//);
    }
    const byName = (name: string) => events.find((e) => e.name === name);
    expect(byName('Structured meetup')).toMatchObject({
      startDate: '2031-06-10T18:00:00+02:00',
      endDate: '2031-06-10T21:00:00+02:00',
      description: 'Talks </script> and cake.',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Kreuzberg, Berlin' },
    });
    // The url of an event without its own link is its place on the events page.
    const meetup = byName('Structured meetup')!;
    const anchor = new URL(meetup.url as string).hash.slice(1);
    expect($(`li#${anchor} h2`).text()).toContain('Structured meetup');
    expect(byName('Structured webinar')).toMatchObject({
      startDate: '2031-12-02T09:30:00-05:00',
      endDate: '2031-12-02T10:30:00-05:00',
      eventStatus: 'https://schema.org/EventCancelled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://stream.example/live' },
      url: 'https://stream.example/live',
    });
    expect(byName('Structured release day')).toMatchObject({ startDate: '2031-07-01', endDate: '2031-07-02', eventStatus: 'https://schema.org/EventScheduled' });
  });

  it('carries a BreadcrumbList: Home › Events', async () => {
    const [crumbs] = ofType((await jsonLd('/events')).nodes, 'BreadcrumbList');
    expectBreadcrumbs(crumbs, ['Home', 'Events']);
  });
});
