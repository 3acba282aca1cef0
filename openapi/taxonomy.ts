// OpenAPI for the tags and authors resources, from the Zod schemas that shape their documents
// (lib/api/taxonomy.ts).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { authorListSchema, tagListSchema } from '@/lib/api/taxonomy';
import { headerRefs, responses } from './common';

const common = { 304: responses.notModified, 405: responses.methodNotAllowed, 406: responses.notAcceptable, 503: responses.unavailable };
// No Last-Modified on either: a tag edit has no time of its own, and an unpublished post drops
// out of the newest change, so a date could claim "unchanged" after a change. The ETag validates.
const tagHeaders = headerRefs('ETag', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Access-Control-Allow-Origin');
const authorHeaders = tagHeaders;

export function registerTaxonomy(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/tags',
    operationId: 'listTags',
    summary: 'List tags',
    description:
      'Every tag that has at least one published post, by slug, with its post count and the URLs of its page (`/tags/{slug}`), its posts in the API (`/api/posts?tag=`) and its feeds (`?tag=` on the three posts feeds). Tags used only by drafts are left out, so no listed URL is an empty page. Not paged.',
    tags: ['Tags'],
    responses: { 200: { description: 'The tags.', headers: tagHeaders, content: { 'application/json': { schema: tagListSchema } } }, ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/authors',
    operationId: 'listAuthors',
    summary: 'List authors',
    description:
      'Every author who has at least one published post, by slug, with their display name, bio, post count and the URLs of their page (`/authors/{slug}`), their posts in the API (`/api/posts?author=`) and their feeds (`?author=` on the three posts feeds). Not paged.',
    tags: ['Authors'],
    responses: { 200: { description: 'The authors.', headers: authorHeaders, content: { 'application/json': { schema: authorListSchema } } }, ...common },
  });
}
