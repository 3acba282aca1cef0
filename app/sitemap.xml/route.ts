// GET /sitemap.xml – every public page (sitemaps.org 0.9); past 50,000 URLs, a sitemap index of
// /sitemap/{n}.xml files. A route handler, not Next's sitemap.ts convention: with
// generateSitemaps Next serves only /sitemap/{id}.xml and no /sitemap.xml at all, so one file
// could not be both the plain sitemap and the index.
import { publicRoute } from '@/lib/api/route';
import { getSitemap } from '@/lib/content/sitemap';
import { represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(async (request) => represent(request, (await getSitemap('root'))!, 'list'));
