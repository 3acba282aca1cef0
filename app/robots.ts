// /robots.txt (Next metadata route).
import type { MetadataRoute } from 'next';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';

export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection(); // SITE_URL is read at run time, not baked in at build.
  const site = getConfig().siteUrl;
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/cms', '/api/bench'] }],
    sitemap: `${site}/sitemap.xml`,
  };
}
