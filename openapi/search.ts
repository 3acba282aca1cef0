// OpenAPI for search, from the same Zod schemas that parse its query and shape its response
// (lib/api/search.ts).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { searchQuerySchema, searchResultSchema } from '@/lib/api/search';
import { headerRefs, responses } from './common';

export function registerSearch(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/search',
    operationId: 'searchPosts',
    summary: 'Search published posts',
    description: [
      'PostgreSQL full-text search over published posts (English stemming: `caching` finds `cache`). Words in the title weigh more than words in the summary and body. Results come most relevant first, then newest, then by id, so the order is stable; page with the opaque `cursor` from `links.next` or the `Link: rel="next"` header.',
      '',
      'Each hit is a post summary plus an `excerpt`: the passage around the matched words, as plain `text` and as `html` in which every character of the post is escaped and the only markup is `<mark>` around each match.',
      '',
      'Answers are cached per normalised query for a minute (`Cache-Control`), revalidate with the `ETag`, and change as soon as a post is published, edited or taken down. A query that only has stop words or punctuation matches nothing (an empty page); a missing, empty, over-long (over 200 characters) or control-character query is a 400.',
    ].join('\n'),
    tags: ['Posts'],
    request: { query: searchQuerySchema },
    responses: {
      200: {
        description: 'A page of matching posts (possibly empty).',
        headers: headerRefs('ETag', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Link', 'Access-Control-Allow-Origin'),
        content: { 'application/json': { schema: searchResultSchema } },
      },
      304: responses.notModified,
      400: responses.badRequest,
      405: responses.methodNotAllowed,
      406: responses.notAcceptable,
      503: responses.unavailable,
    },
  });
}
