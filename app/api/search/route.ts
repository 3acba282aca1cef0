// GET /api/search – published posts matching a full-text query, most relevant first, with highlighted excerpts and cursor pagination
import { decodeSearchCursor, normaliseQuery, searchQuerySchema, type SearchCursor } from '@/lib/api/search';
import { publicRoute } from '@/lib/api/route';
import { getSearchRepresentation } from '@/lib/content/search';
import { invalidParams, parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const query = parseQuery(new URL(request.url), searchQuerySchema);
    const q = normaliseQuery(query.q);
    let cursor: { value: string; after: SearchCursor } | undefined;
    if (query.cursor !== undefined) {
      const after = decodeSearchCursor(query.cursor, q);
      if (after === 'invalid') throw invalidParams([{ name: 'cursor', reason: 'is not a cursor this API issued' }]);
      if (after === 'other-query') throw invalidParams([{ name: 'cursor', reason: 'belongs to another query: page from the first page of this one' }]);
      cursor = { value: query.cursor, after };
    }
    negotiate(request, ['application/json']);
    return represent(request, await getSearchRepresentation(q, query.limit, cursor), 'search');
  },
  { vary: ['Accept'] },
);
