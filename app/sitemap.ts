// /sitemap.xml (Next metadata route): the static pages of the public surface and every published post.
import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';
import { getSitemapPosts } from '@/lib/content/sitemap';
import { surfacePaths, type SurfacePath } from '@/lib/http/public-surface';

// Search result pages are noindex (app/(site)/search/page.tsx), so crawlers are not sent there.
const UNLISTED: readonly string[] = ['/search'] satisfies SurfacePath<'page'>[];
type StaticPage = Exclude<SurfacePath<'page'>, `${string}{${string}` | '/search'>;
// Typed over the list: a static page added to lib/http/public-surface.ts must be given one here.
const CHANGES: Record<StaticPage, MetadataRoute.Sitemap[number]['changeFrequency']> = {
  '/': 'daily',
  '/changelog': 'weekly',
  '/events': 'weekly',
  '/docs': 'monthly',
};
const isStatic = (path: SurfacePath<'page'>): path is StaticPage => !path.includes('{') && !UNLISTED.includes(path);

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const site = getConfig().siteUrl;
  const posts = await getSitemapPosts();
  return [
    ...surfacePaths('page')
      .filter(isStatic)
      .map((path) => ({ url: `${site}${path}`, changeFrequency: CHANGES[path], ...(path === '/' ? { lastModified: posts[0]?.updatedAt } : {}) })),
    ...posts.map((p) => ({ url: `${site}/posts/${p.slug}`, lastModified: p.updatedAt })),
  ];
}
