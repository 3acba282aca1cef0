// GET /sitemap/{n}.xml – one file of the sitemap index, when /sitemap.xml is one (over 50,000 URLs)
import { publicRoute } from '@/lib/api/route';
import { getSitemap } from '@/lib/content/sitemap';
import { HttpError } from '@/lib/http/problem';
import { represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute<{ file: string }>(async (request, params) => {
  const n = /^(0|[1-9][0-9]{0,5})\.xml$/.exec(params.file)?.[1];
  const sitemap = n === undefined ? undefined : await getSitemap(Number(n));
  if (!sitemap) throw new HttpError(404, 'No such sitemap file; /sitemap.xml lists them.');
  return represent(request, sitemap, 'list');
});
