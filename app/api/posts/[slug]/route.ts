// GET /api/posts/{slug} – one published post as JSON (default), Markdown or HTML
import { slugSchema } from '@/lib/api/posts';
import { publicRoute } from '@/lib/api/route';
import { getConfig } from '@/lib/config';
import { getPostRepresentation, type PostFormat } from '@/lib/content/posts';
import { HttpError } from '@/lib/http/problem';
import { negotiate, permanentRedirect, represent } from '@/lib/http/respond';

const FORMATS = {
  'application/json': 'json',
  'text/markdown': 'markdown',
  'text/html': 'html',
} as const satisfies Record<string, PostFormat>;
const TYPES = Object.keys(FORMATS) as (keyof typeof FORMATS)[];

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute<{ slug: string }>(
  async (request, params) => {
    const slug = slugSchema.safeParse(params.slug);
    if (!slug.success) throw new HttpError(404, 'No post has this slug.');
    const format = FORMATS[negotiate(request, TYPES)];
    const result = await getPostRepresentation(slug.data, format);
    switch (result.kind) {
      case 'found':
        return represent(request, result.representation, 'post');
      case 'moved': {
        const search = new URL(request.url).search;
        return permanentRedirect(`${getConfig().siteUrl}/api/posts/${result.slug}${search}`, 'post');
      }
      case 'gone':
        throw new HttpError(410, 'This post was deleted.');
      case 'missing':
        throw new HttpError(404, 'No published post has this slug.');
    }
  },
  { vary: ['Accept'] },
);
