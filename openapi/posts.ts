// OpenAPI for the posts resource, from the same Zod schemas that parse its queries and shape
// its responses (lib/api/posts.ts).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { postListQuerySchema, postListSchema, postSchema, slugSchema } from '@/lib/api/posts';
import { headerRefs, responses } from './common';

export function registerPosts(registry: OpenAPIRegistry): void {

  registry.registerPath({
    method: 'get',
    path: '/api/posts',
    operationId: 'listPosts',
    summary: 'List published posts',
    description:
      'Published posts, newest first (ties broken by id, so the order is stable); `tag` and `author` narrow them (an unknown one is a 400). Paginate with the opaque `cursor` from `links.next` or the `Link: rel="next"` header; a cursor keeps its place when new posts are published.',
    tags: ['Posts'],
    request: { query: postListQuerySchema },
    responses: {
      200: {
        description: 'A page of posts.',
        headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Link', 'Access-Control-Allow-Origin'),
        content: { 'application/json': { schema: postListSchema } },
      },
      304: responses.notModified,
      308: responses.tagMoved,
      400: responses.badRequest,
      405: responses.methodNotAllowed,
      406: responses.notAcceptable,
      503: responses.unavailable,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/posts/{slug}',
    operationId: 'getPost',
    summary: 'Get one published post',
    description:
      'Choose the representation with `Accept`: `application/json` (default), `text/markdown` (the source) or `text/html` (rendered and sanitised). A former slug answers 308 to the current URL.',
    tags: ['Posts'],
    request: { params: z.object({ slug: slugSchema }) },
    responses: {
      200: {
        description: 'The post.',
        headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Access-Control-Allow-Origin'),
        content: {
          'application/json': { schema: postSchema },
          'text/markdown': { schema: z.string().meta({ description: 'The Markdown source, titled.' }) },
          'text/html': { schema: z.string().meta({ description: 'A standalone HTML document.' }) },
        },
      },
      304: responses.notModified,
      308: { description: 'The post was renamed; follow `Location`.', headers: headerRefs('Location', 'Cache-Control') },
      404: responses.notFound,
      405: responses.methodNotAllowed,
      406: responses.notAcceptable,
      410: responses.gone,
      503: responses.unavailable,
    },
  });
}
