// Per-post SEO fields (issue 15), driven through the CMS over plain HTTP as a browser without
// JavaScript sends it: bad values are refused with field errors and write nothing; saved values
// reach the page's metadata, the Open Graph card, the API document, the feeds and the sitemap.
import * as cheerio from 'cheerio';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, revisions } from '@/db/schema';
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

const db = () => server.handle.db;
const bySlug = async (slug: string) => (await db().select().from(posts).where(eq(posts.slug, slug)))[0];
/** The whole body, read before anything else looks at the database (pages stream). */
async function get(path: string) {
  const res = await fetch(server.url + path, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}
const said = (r: { messages: string[]; fieldErrors: string[] }) => [...r.messages, ...r.fieldErrors].join(' | ');

async function savePost(slug: string, fields: Record<string, string | null>, path = '/cms/posts/new') {
  return submitForm(server.url, path, editor, {
    fields: { title: `Title of ${slug}`, slug, summary: `Summary of ${slug}.`, body: `Body of ${slug}.`, tags: 'seo-tests', ...fields },
    submit: { intent: 'publish' },
  });
}

describe('the CMS form', () => {
  it('offers the four fields, empty for a new post', async () => {
    const page = await get('/cms/posts/new');
    expect(page.status).toBe(303); // signed out: the form is behind sign-in
    const res = await fetch(`${server.url}/cms/posts/new`, { headers: { cookie: editor.header() } });
    const $ = cheerio.load(await res.text());
    expect($('input[name="metaTitle"]').attr('maxlength')).toBe('70');
    expect($('input[name="metaDescription"]').attr('maxlength')).toBe('200');
    expect($('input[name="canonicalUrl"]').attr('type')).toBe('url');
    expect($('input[name="noindex"][type="checkbox"]').attr('checked')).toBeUndefined();
  });

  it('refuses a canonical URL that is not an absolute http(s) address, and over-long fields, with field errors, writing nothing', async () => {
    const before = (await db().select({ n: count() }).from(posts))[0]!.n;
    const cases: [Record<string, string>, RegExp][] = [
      [{ canonicalUrl: 'javascript:alert(1)' }, /canonical URL must be a full web address/],
      [{ canonicalUrl: '/posts/relative' }, /canonical URL must be a full web address/],
      [{ canonicalUrl: 'ftp://example.com/a' }, /canonical URL must be a full web address/],
      [{ canonicalUrl: 'https://user:secret@example.com/' }, /canonical URL must be a full web address/],
      [{ canonicalUrl: `https://example.com/${'a'.repeat(2000)}` }, /canonical URL is limited to 2,000 characters/],
      [{ metaTitle: 'x'.repeat(71) }, /meta title is limited to 70 characters/],
      [{ metaDescription: 'x'.repeat(201) }, /meta description is limited to 200 characters/],
      [{ metaDescription: 'two\nlines' }, /meta description cannot contain control characters/],
      [{ noindex: 'yes' }, /Tick or untick the box/],
    ];
    for (const [fields, error] of cases) {
      const res = await savePost('seo-refused', fields);
      expect(res.outcome, JSON.stringify(fields)).toBe('flashed');
      expect(res.fieldErrors.join(' | '), JSON.stringify(fields)).toMatch(error);
      // The editor's text comes back in the form, to be corrected.
      const $ = cheerio.load(res.html);
      const [name, value] = Object.entries(fields)[0]!;
      if (name !== 'noindex' && value.length < 500) expect($(`input[name="${name}"]`).attr('value')).toBe(value);
    }
    expect((await db().select({ n: count() }).from(posts))[0]!.n).toBe(before);
  });

  it('stores the canonical URL as a browser resolves it', async () => {
    const res = await savePost('seo-normalised', { canonicalUrl: '  HTTPS://Example.COM/a path?x=1 ' });
    expect(res.outcome, said(res)).toBe('redirected');
    expect((await bySlug('seo-normalised'))!.canonicalUrl).toBe('https://example.com/a%20path?x=1');
  });
});

describe('a post with every SEO field set', () => {
  const slug = 'seo-everything';
  const canonical = 'https://original.example/articles/everything';
  beforeAll(async () => {
    const res = await savePost(slug, {
      metaTitle: 'Everything, for search <engines>',
      metaDescription: 'A description written for search results & cards.',
      canonicalUrl: canonical,
      noindex: 'on',
    });
    expect(res.outcome, said(res)).toBe('redirected');
  });

  it('the page: title without the site suffix, description, canonical, robots noindex, Open Graph and Twitter alike', async () => {
    const page = await get(`/posts/${slug}`);
    expect(page.status).toBe(200);
    const $ = cheerio.load(page.text);
    expect($('title').text()).toBe('Everything, for search <engines>');
    expect($('meta[name="description"]').attr('content')).toBe('A description written for search results & cards.');
    expect($('link[rel="canonical"]').attr('href')).toBe(canonical);
    expect($('meta[name="robots"]').attr('content')).toMatch(/^noindex, follow$/);
    expect($('meta[property="og:title"]').attr('content')).toBe('Everything, for search <engines>');
    expect($('meta[property="og:description"]').attr('content')).toBe('A description written for search results & cards.');
    expect($('meta[property="og:url"]').attr('content')).toBe(canonical);
    expect($('meta[name="twitter:title"]').attr('content')).toBe('Everything, for search <engines>');
    expect($('meta[name="twitter:description"]').attr('content')).toBe('A description written for search results & cards.');
    // The page itself still shows the post's own title.
    expect($('h1').text()).toBe(`Title of ${slug}`);
  });

  it('the CMS form shows the saved values, the box ticked', async () => {
    const row = (await bySlug(slug))!;
    const res = await fetch(`${server.url}/cms/posts/${row.id}`, { headers: { cookie: editor.header() } });
    const $ = cheerio.load(await res.text());
    expect($('input[name="metaTitle"]').attr('value')).toBe('Everything, for search <engines>');
    expect($('input[name="canonicalUrl"]').attr('value')).toBe(canonical);
    expect($('input[name="noindex"]').attr('checked')).toBeDefined();
  });

  it('the API document carries them in `seo`; its standalone HTML honours them', async () => {
    const json = await get(`/api/posts/${slug}`);
    expect(JSON.parse(json.text).seo).toEqual({
      metaTitle: 'Everything, for search <engines>',
      metaDescription: 'A description written for search results & cards.',
      canonicalUrl: canonical,
      noindex: true,
    });
    const html = cheerio.load((await fetch(`${server.url}/api/posts/${slug}`, { headers: { accept: 'text/html' } }).then((r) => r.text())));
    expect(html('link[rel="canonical"]').attr('href')).toBe(canonical);
    expect(html('meta[name="robots"]').attr('content')).toBe('noindex');
  });

  it('the Open Graph card is drawn (its text is the meta title: app/posts/[slug]/opengraph-image.tsx)', async () => {
    const res = await fetch(`${server.url}/posts/${slug}/opengraph-image`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('the sitemap leaves it out; a post without overrides is in it', async () => {
    const plain = await savePost('seo-plain', {});
    expect(plain.outcome, said(plain)).toBe('redirected');
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.text).toContain(`/posts/seo-plain</loc>`);
    expect(sitemap.text).not.toContain(`/posts/${slug}</loc>`);
  });

  it('the feeds keep it (subscribers still read it), linking the post\'s own page', async () => {
    const feed = JSON.parse((await get('/feed.json')).text) as { items: { url: string; summary?: string }[] };
    const item = feed.items.find((i) => i.url.endsWith(`/posts/${slug}`));
    expect(item?.url).toBe(`${server.url}/posts/${slug}`);
    expect(item?.summary).toBe(`Summary of ${slug}.`);
  });

  it('a revision restores them', async () => {
    const row = (await bySlug(slug))!;
    // Clear them all (the box unticked: absent from the form), then bring the first revision back.
    const res = await submitForm(server.url, `/cms/posts/${row.id}`, editor, {
      fields: { metaTitle: '', metaDescription: '', canonicalUrl: '', noindex: null },
      submit: { intent: 'publish' },
    });
    expect(res.outcome, said(res)).toBe('redirected');
    const cleared = (await bySlug(slug))!;
    expect([cleared.metaTitle, cleared.metaDescription, cleared.canonicalUrl, cleared.noindex]).toEqual(['', '', '', false]);
    const page = cheerio.load((await get(`/posts/${slug}`)).text);
    expect(page('title').text()).toBe(`Title of ${slug} · Gazette`);
    expect(page('link[rel="canonical"]').attr('href')).toBe(`${server.url}/posts/${slug}`);
    expect(page('meta[name="robots"]').length).toBe(0);
    expect((await get('/sitemap.xml')).text).toContain(`/posts/${slug}</loc>`);

    // Restoring a published post stages the revision (lib/cms/staging.ts): the form then shows
    // it, the box ticked again, and publishing the update puts it live.
    const [first] = await db().select().from(revisions).where(and(eq(revisions.entityType, 'post'), eq(revisions.entityId, row.id), eq(revisions.entityVersion, 1)));
    const revision = await fetch(`${server.url}/cms/posts/${row.id}/revisions/${first!.id}`, { headers: { cookie: editor.header() } }).then((r) => r.text());
    expect(revision).toContain('Everything, for search &lt;engines&gt;');
    const restored = await submitForm(server.url, `/cms/posts/${row.id}/revisions/${first!.id}/restore`, editor, {});
    expect(restored.outcome, said(restored)).toBe('redirected');
    const form = cheerio.load(await fetch(`${server.url}/cms/posts/${row.id}`, { headers: { cookie: editor.header() } }).then((r) => r.text()));
    expect(form('input[name="noindex"]').attr('checked')).toBeDefined();
    const published = await submitForm(server.url, `/cms/posts/${row.id}`, editor, { submit: { intent: 'publish' } });
    expect(published.outcome, said(published)).toBe('redirected');
    const back = (await bySlug(slug))!;
    expect([back.metaTitle, back.metaDescription, back.canonicalUrl, back.noindex]).toEqual(['Everything, for search <engines>', 'A description written for search results & cards.', canonical, true]);
    expect((await get('/sitemap.xml')).text).not.toContain(`/posts/${slug}</loc>`);
  });
});

describe('meta description and canonical override, each alone', () => {
  it('a post without a summary gives feeds its meta description', async () => {
    const res = await savePost('seo-no-summary', { summary: '', metaDescription: 'Only the meta description.' });
    expect(res.outcome, said(res)).toBe('redirected');
    const feed = JSON.parse((await get('/feed.json')).text) as { items: { url: string; summary?: string }[] };
    expect(feed.items.find((i) => i.url.endsWith('/posts/seo-no-summary'))?.summary).toBe('Only the meta description.');
    const atom = cheerio.load((await get('/atom.xml')).text, { xml: true });
    // RFC 4287 §4.2.7.2: a link without rel is the alternate.
    const entry = atom('entry').filter((_, e) => atom(e).find('link:not([rel]), link[rel="alternate"]').first().attr('href')?.endsWith('/posts/seo-no-summary') ?? false);
    expect(entry.find('summary').text()).toBe('Only the meta description.');
  });

  it('a canonical override alone (indexable elsewhere) leaves the sitemap too; one naming the post itself does not', async () => {
    const away = await savePost('seo-canonical-away', { canonicalUrl: 'https://original.example/away' });
    expect(away.outcome, said(away)).toBe('redirected');
    const self = await savePost('seo-canonical-self', { canonicalUrl: `${server.url}/posts/seo-canonical-self` });
    expect(self.outcome, said(self)).toBe('redirected');
    const sitemap = (await get('/sitemap.xml')).text;
    expect(sitemap).not.toContain('/posts/seo-canonical-away</loc>');
    expect(sitemap).toContain('/posts/seo-canonical-self</loc>');
    const page = cheerio.load((await get('/posts/seo-canonical-away')).text);
    expect(page('link[rel="canonical"]').attr('href')).toBe('https://original.example/away');
    expect(page('meta[name="robots"]').length).toBe(0);
  });
});
