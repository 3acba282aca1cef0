// Cached readers for /sitemap.xml and /sitemap/{n}.xml: the static pages of the public surface,
// every published post, and the tag and author pages (lastmod: their newest post's change).
// Built and hashed once per change; past 50,000 URLs /sitemap.xml is an index (lib/feeds/sitemap.ts).
import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { posts } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { planSitemap, renderSitemapIndex, renderUrlset, type SitemapUrl } from '@/lib/feeds/sitemap';
import { lazy, toRef, weakEtag, type LazyRepresentation, type Representation, type RepresentationRef } from '@/lib/http/representation';
import { surfacePaths, type SurfacePath } from '@/lib/http/public-surface';
import { cacheTags } from './cache-tags';
import { getAuthorDirectory, getTagDirectory } from './taxonomy';

// Search result pages are noindex (app/(site)/search/page.tsx), so crawlers are not sent there.
const UNLISTED: readonly string[] = ['/search'] satisfies SurfacePath<'page'>[];
type StaticPage = Exclude<SurfacePath<'page'>, `${string}{${string}` | '/search'>;
// Typed over the list: a static page added to lib/http/public-surface.ts must be given one here.
const CHANGES: Record<StaticPage, SitemapUrl['changefreq']> = {
  '/': 'daily',
  '/changelog': 'weekly',
  '/events': 'weekly',
  '/docs': 'monthly',
};
const isStatic = (path: SurfacePath<'page'>): path is StaticPage => !path.includes('{') && !UNLISTED.includes(path);

// Only pages search engines may list as themselves: not noindex, and no canonical URL naming
// another page (a sitemap lists canonical URLs only; lib/content/post-seo.ts canonicalUrlOf).
const sitemapListed = (siteUrl: string) => sql`not ${posts.noindex} and (${posts.canonicalUrl} = '' or ${posts.canonicalUrl} = ${`${siteUrl}/posts/`} || ${posts.slug})`;

export async function getSitemapPosts(): Promise<{ slug: string; updatedAt: string }[]> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts);
  const db = await getDb();
  const rows = await db
    .select({ slug: posts.slug, updatedAt: posts.updatedAt })
    .from(posts)
    .where(and(eq(posts.status, 'published'), isNull(posts.deletedAt), sitemapListed(getConfig().siteUrl)))
    .orderBy(desc(posts.publishedAt), desc(posts.id));
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
}

/** Every URL the sitemap lists, in a stable order: static pages, posts newest first, tags, authors. */
async function sitemapUrls(): Promise<SitemapUrl[]> {
  const site = getConfig().siteUrl;
  const [postRows, tagDirectory, authors] = await Promise.all([getSitemapPosts(), getTagDirectory(), getAuthorDirectory()]);
  return [
    ...surfacePaths('page')
      .filter(isStatic)
      .map((path) => ({ loc: `${site}${path}`, changefreq: CHANGES[path], lastmod: path === '/' ? postRows[0]?.updatedAt : undefined })),
    ...postRows.map((p) => ({ loc: `${site}/posts/${p.slug}`, lastmod: p.updatedAt })),
    ...tagDirectory.tags.map((t) => ({ loc: `${site}/tags/${t.slug}`, lastmod: t.lastModified })),
    ...authors.map((a) => ({ loc: `${site}/authors/${a.slug}`, lastmod: a.lastModified })),
  ];
}

/** `root`: /sitemap.xml; a number: /sitemap/{n}.xml (exists only when the root is an index). */
export type SitemapFile = 'root' | number;

/** A sitemap file (lazy: the body only when a 200 needs it), or undefined for no such file. */
export async function getSitemap(file: SitemapFile): Promise<LazyRepresentation | undefined> {
  const ref = await sitemapRef(file);
  return ref ? lazy(ref, async () => (await sitemapFull(file))!) : undefined;
}

async function sitemapRef(file: SitemapFile): Promise<RepresentationRef | null> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts, cacheTags.tags, cacheTags.authors);
  const full = await sitemapFull(file);
  return full ? toRef(full, `sitemap:${file}`) : null;
}

async function sitemapFull(file: SitemapFile): Promise<Representation | null> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts, cacheTags.tags, cacheTags.authors);
  const plan = planSitemap(await sitemapUrls());
  let body: string;
  if (file === 'root') body = plan.kind === 'urlset' ? renderUrlset(plan.urls) : renderSitemapIndex(getConfig().siteUrl, plan.files);
  else if (plan.kind === 'index' && file < plan.files.length) body = renderUrlset(plan.files[file]!);
  else return null;
  return { body, contentType: 'application/xml; charset=utf-8', etag: weakEtag('sitemap', body) };
}
