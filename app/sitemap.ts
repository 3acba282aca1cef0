// /sitemap.xml (Next metadata route): the pages and every published post.
import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';
import { getSitemapPosts } from '@/lib/content/sitemap';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const site = getConfig().siteUrl;
  const posts = await getSitemapPosts();
  return [
    { url: `${site}/`, changeFrequency: 'daily', lastModified: posts[0]?.updatedAt },
    { url: `${site}/changelog`, changeFrequency: 'weekly' },
    { url: `${site}/events`, changeFrequency: 'weekly' },
    { url: `${site}/docs`, changeFrequency: 'monthly' },
    ...posts.map((p) => ({ url: `${site}/posts/${p.slug}`, lastModified: p.updatedAt })),
  ];
}
