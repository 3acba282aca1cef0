// The changelog feed's JSON shape (JSON Feed 1.1 plus the documented `_gazette` extension),
// for the OpenAPI document.
import { z } from 'zod';

export const gazetteExtensionSchema = z
  .object({
    category: z.enum(['added', 'changed', 'deprecated', 'removed', 'fixed', 'security']).meta({ description: 'Keep a Changelog category.' }),
    version: z.string().nullable().meta({ description: 'The product version the change shipped in, if any.', example: '2.3.0' }),
  })
  .meta({ id: 'GazetteChangelogExtension', description: 'JSON Feed extension object `_gazette` on every changelog item.' });

const author = z.object({ name: z.string(), url: z.url().optional() });

export const jsonFeedItemSchema = z.object({
  id: z.string(),
  url: z.url(),
  title: z.string(),
  summary: z.string().optional(),
  content_html: z.string(),
  date_published: z.iso.datetime({ offset: true }),
  date_modified: z.iso.datetime({ offset: true }).optional(),
  authors: z.array(author).optional(),
  tags: z.array(z.string()).optional(),
});

export const jsonFeedSchema = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1'),
    title: z.string(),
    home_page_url: z.url(),
    feed_url: z.url(),
    description: z.string().optional(),
    language: z.string().optional(),
    next_url: z.url().optional().meta({ description: 'The next (older) page.' }),
    authors: z.array(author).optional(),
    hubs: z.array(z.object({ type: z.string(), url: z.url() })).optional(),
    items: z.array(jsonFeedItemSchema),
  })
  .meta({ id: 'JsonFeed', description: 'JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).' });

export const changelogFeedSchema = jsonFeedSchema
  .extend({ items: z.array(jsonFeedItemSchema.extend({ _gazette: gazetteExtensionSchema })) })
  .meta({ id: 'ChangelogFeed', description: 'The changelog as JSON Feed 1.1; each item carries `_gazette`.' });
