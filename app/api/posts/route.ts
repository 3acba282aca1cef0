// GET /api/posts – published posts, newest first, with cursor pagination and a tag filter
import { decodeCursor, postListQuerySchema } from '@/lib/api/posts';
import { publicRoute } from '@/lib/api/route';
import { getPostListPage, getTagSlugs } from '@/lib/content/posts';
import { invalidParams, parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const query = parseQuery(new URL(request.url), postListQuerySchema);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw invalidParams([{ name: 'cursor', reason: 'is not a cursor this API issued' }]);
    if (query.tag && !(await getTagSlugs()).includes(query.tag)) {
      throw invalidParams([{ name: 'tag', reason: `names no tag: ${query.tag}` }]);
    }
    negotiate(request, ['application/json']);
    return represent(request, await getPostListPage({ limit: query.limit, cursor, tag: query.tag }), 'list');
  },
  { vary: ['Accept'] },
);
