// OpenAPI for the feeds, the changelog and events.
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { changelogQuerySchema, feedQuerySchema } from '@/lib/api/feeds';
import { changelogFeedSchema, jsonFeedSchema } from '@/lib/api/changelog';
import { eventFileParamsSchema, eventListSchema } from '@/lib/api/events';
import { headerRefs, responses } from './common';

const text = (description: string) => ({ schema: z.string().meta({ description }) });
const ok = (description: string, content: ResponseConfig['content']): ResponseConfig => ({
  description,
  headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Access-Control-Allow-Origin'),
  content,
});
const common = { 304: responses.notModified, 405: responses.methodNotAllowed, 406: responses.notAcceptable, 503: responses.unavailable };

export function registerFeeds(registry: OpenAPIRegistry): void {
  const postFeeds = [
    { path: '/feed.xml', id: 'getRssFeed', summary: 'Posts as RSS 2.0', content: { 'application/rss+xml': text('RSS 2.0 with content:encoded, categories, dc:creator and RFC 5005 paging links.') } },
    { path: '/atom.xml', id: 'getAtomFeed', summary: 'Posts as Atom 1.0', content: { 'application/atom+xml': text('Atom 1.0 (RFC 4287) with RFC 5005 paging links.') } },
    { path: '/feed.json', id: 'getJsonFeed', summary: 'Posts as JSON Feed 1.1', content: { 'application/feed+json': { schema: jsonFeedSchema } } },
  ];
  for (const f of postFeeds) {
    registry.registerPath({
      method: 'get',
      path: f.path,
      operationId: f.id,
      summary: f.summary,
      description: 'The newest 50 published posts with full sanitised HTML. `tag` narrows the feed to one tag (the former slug of a renamed or merged tag answers 308 to the current one) and `author` to one author (an author slug, as `/api/authors` lists them; the feed title names the author); an unknown tag or author is a 400 naming the parameter; the rel="next" link (JSON Feed `next_url`) pages back through the whole history. XML feeds also answer `Accept: application/xml` and `text/xml`.',
      tags: ['Feeds'],
      request: { query: feedQuerySchema },
      responses: { 200: ok('The feed.', f.content), 308: responses.tagMoved, 400: responses.badRequest, ...common },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/changelog.json',
    operationId: 'getChangelog',
    summary: 'The changelog as JSON Feed 1.1',
    description: 'Newest first. Each item carries its Keep a Changelog category and product version in the `_gazette` extension object. Also served as `application/json` when asked for.',
    tags: ['Changelog'],
    request: { query: changelogQuerySchema },
    responses: {
      200: ok('The changelog feed.', { 'application/feed+json': { schema: changelogFeedSchema }, 'application/json': { schema: changelogFeedSchema } }),
      400: responses.badRequest,
      ...common,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/changelog.xml',
    operationId: 'getChangelogRss',
    summary: 'The changelog as RSS 2.0',
    tags: ['Changelog'],
    request: { query: changelogQuerySchema },
    responses: { 200: ok('The changelog feed.', { 'application/rss+xml': text('RSS 2.0.') }), 400: responses.badRequest, ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/events',
    operationId: 'listEvents',
    summary: 'Upcoming and recent events',
    tags: ['Events'],
    responses: { 200: ok('Events by start time.', { 'application/json': { schema: eventListSchema } }), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/events.ics',
    operationId: 'getCalendar',
    summary: 'The iCalendar subscription feed',
    description: 'All published events (RFC 5545): stable UIDs, growing SEQUENCE, DTSTAMP from the last change, cancelled events kept with STATUS:CANCELLED, REFRESH-INTERVAL (RFC 7986). Subscribe with webcal://.',
    tags: ['Events'],
    responses: { 200: ok('The calendar.', { 'text/calendar': text('iCalendar (RFC 5545).') }), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/events/{file}',
    operationId: 'getEventFile',
    summary: 'One event as an iCalendar file',
    description: 'Sent with `Content-Disposition: attachment`.',
    tags: ['Events'],
    request: { params: eventFileParamsSchema },
    responses: {
      200: {
        description: 'The event.',
        headers: headerRefs('ETag', 'Last-Modified', 'Cache-Control', 'CDN-Cache-Control', 'Vary', 'Content-Disposition'),
        content: { 'text/calendar': text('iCalendar (RFC 5545) with one VEVENT.') },
      },
      404: responses.notFound,
      410: responses.gone,
      ...common,
    },
  });
}
