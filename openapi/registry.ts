// The OpenAPI 3.1 document of the public API, generated from the Zod schemas.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerChanges } from './changes';
import { registerCommon } from './common';
import { registerHealth } from './health';
import { registerFeeds } from './feeds';
import { registerMedia } from './media';
import { registerPosts } from './posts';
import { registerTaxonomy } from './taxonomy';
import { registerSearch } from './search';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function buildOpenApiDocument(siteUrl: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerCommon(registry);
  registerPosts(registry);
  registerTaxonomy(registry);
  registerSearch(registry);
  registerFeeds(registry);
  registerMedia(registry);
  registerChanges(registry);
  registerHealth(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Gazette public API',
      version: '1.0.0',
      description:
        'Read-only access to Gazette\'s published content. Every GET answers HEAD too, sends weak ETags and Last-Modified, answers conditional requests with 304, allows any origin (CORS) and reports errors as application/problem+json (RFC 9457).',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'Gazette', url: siteUrl },
    },
    servers: [{ url: siteUrl }],
    // Public and read-only: no operation needs credentials.
    security: [],
    tags: [
      { name: 'Posts', description: 'Published posts.' },
      { name: 'Tags', description: 'The tags of published posts.' },
      { name: 'Authors', description: 'The authors of published posts.' },
      { name: 'Feeds', description: 'RSS, Atom and JSON Feed of the posts.' },
      { name: 'Changelog', description: 'Product changes by Keep a Changelog category.' },
      { name: 'Events', description: 'Events as JSON and iCalendar.' },
      { name: 'Media', description: 'Image files, immutable, by the hash of their bytes.' },
      { name: 'Sync', description: 'The change log for partners: a delta-sync API with deletions.' },
      { name: 'Webhooks', description: 'Change events POSTed to endpoints admins register in the CMS, signed per Standard Webhooks v1.' },
      { name: 'Operations', description: 'Service health.' },
    ],
  });
}
