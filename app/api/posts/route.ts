// GET /api/posts – published posts, newest first, with cursor pagination, a tag filter (a former tag slug redirects) and an author filter
import { decodeCursor, postListQuerySchema } from '@/lib/api/posts';
import { publicRoute } from '@/lib/api/route';
import { checkAuthor, tagRedirect } from '@/lib/api/tag-param';
import { getPostListPage } from '@/lib/content/posts';
import { invalidParams, parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const query = parseQuery(new URL(request.url), postListQuerySchema);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw invalidParams([{ name: 'cursor', reason: 'is not a cursor this API issued' }]);
    // A renamed or merged tag's old slug: 308 to the current one (an unknown tag: 400).
    const moved = await tagRedirect(request, query.tag, 'list');
    if (moved) return moved;
    await checkAuthor(query.author);
    negotiate(request, ['application/json']);
    return represent(request, await getPostListPage({ limit: query.limit, cursor, tag: query.tag, author: query.author }), 'list');
  },
  { vary: ['Accept'] },
);
