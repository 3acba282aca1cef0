// Changelog entries (SPEC §2): Keep a Changelog categories and an optional product version;
// nothing beside the row, so the generic content type does everything else.
import 'server-only';
import { z } from 'zod';
import { changelogCategory, changelogEntries } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { changelogEntryDocument } from '@/lib/content/feed-readers';
import { PUBLICATION_STATUSES } from '../publication';
import { defineContentType, itemForm, type Row } from '../content-type';
import { line, MAX_BODY_CHARS, requiredLine, text } from '../forms';

type EntryRow = Row<typeof changelogEntries>;

export const changelogType = defineContentType({
  name: 'changelog',
  segment: 'changelog',
  labels: { singular: 'changelog entry', plural: 'changelog entries', title: 'Changelog' },
  table: changelogEntries,
  publication: { status: changelogEntries.status, publishedAt: changelogEntries.publishedAt },
  form: itemForm('entry', {
    title: requiredLine('The title', 300),
    body: text('The body', MAX_BODY_CHARS).default(''),
    category: z.enum(changelogCategory.enumValues, { error: 'Choose a category.' }),
    // The product release the entry belongs to, not the row's lock version.
    productVersion: line('The product version', 50)
      .default('')
      .transform((v) => v || null),
  }),
  snapshot: {
    schema: z.object({
      title: z.string(),
      body: z.string(),
      category: z.enum(changelogCategory.enumValues),
      productVersion: z.string().nullable(),
      status: z.enum(PUBLICATION_STATUSES),
      publishedAt: z.iso.datetime({ offset: true }).nullable(),
    }),
    of: (e) => ({ title: e.title, body: e.body, category: e.category, productVersion: e.productVersion, status: e.status, publishedAt: e.publishedAt?.toISOString() ?? null }),
    restore: (s) => ({ title: s.title, body: s.body, category: s.category, productVersion: s.productVersion }),
  },
  toForm: (e) => ({ title: e.title, body: e.body, category: e.category, productVersion: e.productVersion ?? '' }),
  blank: () => ({ title: '', body: '', category: '', productVersion: '' }),
  columns: ({ title, body, category, productVersion }) => ({ title, body, category, productVersion }),
  cacheTags: () => [cacheTags.changelog],
  inFeeds: true,
  // No page or document of its own: the API document is its item in the JSON Feed.
  sync: { document: (db, e) => changelogEntryDocument(db, e.id), apiUrl: (_e, siteUrl) => `${siteUrl}/api/changelog.json` },
  publicUrl: (e) => `/changelog#${e.id}`,
  messages: {
    published: 'The changelog page and its feeds show it now.',
    deleteEffect: () => 'it disappears from the changelog page and its feeds',
  },
  list: {
    columns: [
      { label: 'Category', cell: (e: EntryRow) => ({ text: e.category, badge: e.category }) },
      { label: 'Version', cell: (e: EntryRow) => ({ text: e.productVersion ?? '—' }) },
    ],
    search: changelogEntries.search,
    sort: { by: 'updated', dir: 'desc' },
  },
  textField: 'body',
  revisions: {
    compare: [
      { label: 'Title', show: (s) => s.title },
      { label: 'Category', show: (s) => s.category },
      { label: 'Product version', show: (s) => s.productVersion ?? '' },
      { label: 'Status', show: (s) => s.status },
      { label: 'Published at', show: (s, clock) => (s.publishedAt ? clock.stamp(s.publishedAt) : '') },
    ],
    text: { label: 'Details', of: (s) => s.body },
    restoreNote: 'Restoring brings back the text, category and product version; the status stays as it is now.',
  },
  preview: (values) => (typeof values.body === 'string' ? values.body : undefined),
});
