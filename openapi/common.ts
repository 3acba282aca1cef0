// Shared OpenAPI components: the problem document and the HTTP headers every public route
// sends (SPEC §3), so each path can say exactly what it answers.
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI reference identifying the problem type.', example: 'about:blank' }),
    title: z.string().meta({ example: 'Bad Request' }),
    status: z.number().int().meta({ example: 400 }),
    detail: z.string().optional().meta({ example: 'Invalid query parameter: limit.' }),
    'invalid-params': z
      .array(z.object({ name: z.string(), reason: z.string() }))
      .optional()
      .meta({ description: 'For 400: each rejected query parameter and why.' }),
    available: z.array(z.string()).optional().meta({ description: 'For 406: the media types this resource has.' }),
  })
  .meta({ id: 'Problem', description: 'Problem Details for HTTP APIs (RFC 9457).' });

const header = (description: string, example?: string) => ({ schema: { type: 'string' as const, ...(example ? { example } : {}) }, description });

export const HEADERS = {
  ETag: header('Weak entity tag of this representation (RFC 9110 §8.8.3). Send it back in If-None-Match.', 'W/"Y4SQyb3xO5gL37DAr9e1CYAVBl3"'),
  'Last-Modified': header('When the content last changed (RFC 9110 §8.8.2).', 'Sun, 02 Mar 2025 16:45:00 GMT'),
  'Cache-Control': header('Caching policy (RFC 9111 §5.2, RFC 5861).', 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400, stale-if-error=604800'),
  'CDN-Cache-Control': header('The shared-cache policy for CDNs (RFC 9213).', 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800'),
  Vary: header('Request headers that select the representation (RFC 9110 §12.5.5).', 'Accept'),
  Link: header('The next page (RFC 8288), absolute.', '<https://example.com/api/posts?cursor=abc>; rel="next"'),
  Location: header('The current URL of a moved resource.', 'https://example.com/api/posts/etags-explained'),
  Allow: header('The methods this resource supports.', 'GET, HEAD, OPTIONS'),
  'Content-Disposition': header('Download as a file (RFC 6266).', 'attachment; filename="meetup.ics"'),
  'Access-Control-Allow-Origin': header('Any origin may read public content (CORS).', '*'),
} as const;

export type HeaderName = keyof typeof HEADERS;

export function registerCommon(registry: OpenAPIRegistry): void {
  for (const [name, h] of Object.entries(HEADERS)) registry.registerComponent('headers', name, h);
}

export const headerRefs = (...names: HeaderName[]) =>
  Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));

const problemContent = { 'application/problem+json': { schema: problemSchema } };

/** Error and revalidation responses shared by the public routes. */
export const responses = {
  notModified: {
    description: 'Not Modified: the client\'s copy (If-None-Match / If-Modified-Since) is current. No body; the same validators and caching headers as the 200.',
    headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary'),
  },
  tagMoved: {
    description: 'The `tag` names a tag that was renamed or merged into another: the same URL with the current tag slug is in `Location` (308, RFC 9110 §15.4.9).',
    headers: headerRefs('Location', 'Cache-Control'),
  },
  badRequest: { description: 'A query parameter is invalid; `invalid-params` names it.', headers: headerRefs('Cache-Control'), content: problemContent },
  notFound: { description: 'No such published resource. Cached briefly.', headers: headerRefs('Cache-Control'), content: problemContent },
  notAcceptable: { description: 'None of the Accept types is available; `available` lists them.', headers: headerRefs('Cache-Control', 'Vary'), content: problemContent },
  gone: { description: 'The resource was deleted. Cached briefly.', headers: headerRefs('Cache-Control'), content: problemContent },
  methodNotAllowed: { description: 'Only GET, HEAD and OPTIONS are supported.', headers: headerRefs('Allow'), content: problemContent },
  unavailable: { description: 'The content store is temporarily unavailable; retry after `Retry-After` seconds. Never cached.', content: problemContent },
} satisfies Record<string, ResponseConfig>;
