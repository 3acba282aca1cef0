// Posts (SPEC §2): slug history (a renamed or deleted post's old URLs keep answering) and tags
// are what set them apart; everything else is the generic content type.
import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { authors, media, posts, postSlugRedirects, postTags, tags } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { postUrls } from '@/lib/content/post-documents';
import { postSyncDocument } from '@/lib/content/posts';
import { authorName, authorOptions, ensureAuthorProfile } from '../authors';
import { ActionRefusal } from '../refusals';
import { canonicalTagSlugs } from '../tags';
import { PUBLICATION_STATUSES } from '../publication';
import { defineContentType, itemForm } from '../content-type';
import { CANONICAL_URL_MAX, META_DESCRIPTION_MAX, META_TITLE_MAX } from '../seo-limits';
import { checkbox, line, MAX_BODY_CHARS, requiredLine, slugField, tagsField, text, webAddress } from '../forms';

async function tagsOf(tx: Db, postId: string): Promise<string[]> {
  return (await tx.select({ slug: postTags.tagSlug }).from(postTags).where(eq(postTags.postId, postId)).orderBy(postTags.tagSlug)).map((r) => r.slug);
}

/** The cover's file name, for reading revisions (the id alone means nothing to an editor). */
async function coverNameOf(tx: Db, mediaId: string | null): Promise<string> {
  if (!mediaId) return '';
  const [row] = await tx.select({ fileName: media.fileName }).from(media).where(eq(media.id, mediaId));
  return row?.fileName ?? '';
}

async function formerSlugsOf(tx: Db, postId: string): Promise<string[]> {
  return (await tx.select({ slug: postSlugRedirects.slug }).from(postSlugRedirects).where(eq(postSlugRedirects.postId, postId))).map((r) => r.slug);
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const instant = z.iso.datetime({ offset: true }).nullable();

const form = itemForm('post', {
  title: requiredLine('The title', 300),
  slug: slugField,
  summary: line('The summary', 1000).default(''),
  body: text('The body', MAX_BODY_CHARS).default(''),
  tags: tagsField.default([]),
  authorId: z.uuid('Choose the author from the list.'),
  // A media item's id, or '' for no cover (SPEC §9); absent (a form without the field) keeps the
  // cover as it is. Whether the image still exists is beforeWrite's check.
  coverMediaId: z.union([z.literal(''), z.uuid('Choose the cover from the media library.')], { error: 'Choose the cover from the media library.' }).optional(),
  // '' means the image's own alt text (lib/media/documents.ts imageDocument).
  coverAlt: line('The cover\'s alt text', 1000).optional(),
  // Search and sharing (issue 15); '' means the post's own title, summary and URL.
  metaTitle: line('The meta title', META_TITLE_MAX).default(''),
  metaDescription: line('The meta description', META_DESCRIPTION_MAX).default(''),
  canonicalUrl: webAddress('The canonical URL', CANONICAL_URL_MAX),
  noindex: checkbox,
});

const snapshot = z.object({
  slug: slugField,
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  // The byline's display name when saved (for reading revisions) and, since authors became
  // profiles (migration 0005), its id; older snapshots have the name only.
  author: z.string(),
  authorId: z.uuid().optional(),
  tags: z.array(z.string()),
  status: z.enum(PUBLICATION_STATUSES),
  publishedAt: instant,
  // Since covers (migration 0007); older snapshots have none, and had no cover.
  coverMediaId: z.uuid().nullable().default(null),
  coverAlt: z.string().max(1000).default(''),
  /** The cover's file name when saved, for reading revisions. */
  coverName: z.string().default(''),
  // Since SEO fields (migration 0010); older snapshots had none.
  metaTitle: z.string().max(META_TITLE_MAX).default(''),
  metaDescription: z.string().max(META_DESCRIPTION_MAX).default(''),
  canonicalUrl: z.string().max(CANONICAL_URL_MAX).default(''),
  noindex: z.boolean().default(false),
});

/** What a post holds beside its row: its tags and the slugs it gave up. */
type PostExtra = { tags: string[]; formerSlugs: string[]; author: string; coverName: string };

export const postType = defineContentType<typeof posts, z.output<typeof form>, typeof snapshot, PostExtra>({
  name: 'post',
  segment: 'posts',
  labels: { singular: 'post', plural: 'posts', title: 'Posts' },
  table: posts,
  publication: { status: posts.status, publishedAt: posts.publishedAt },
  form,
  snapshot: {
    schema: snapshot,
    of: (p) => ({ slug: p.slug, title: p.title, summary: p.summary, body: p.body, author: p.author, authorId: p.authorId, tags: p.tags, status: p.status, publishedAt: p.publishedAt?.toISOString() ?? null, coverMediaId: p.coverMediaId, coverAlt: p.coverAlt, coverName: p.coverName, metaTitle: p.metaTitle, metaDescription: p.metaDescription, canonicalUrl: p.canonicalUrl, noindex: p.noindex }),
    restore: (s, current) => ({ slug: s.slug, title: s.title, summary: s.summary, body: s.body, authorId: s.authorId ?? current.authorId, tags: s.tags, coverMediaId: s.coverMediaId ?? '', coverAlt: s.coverAlt, metaTitle: s.metaTitle, metaDescription: s.metaDescription, canonicalUrl: s.canonicalUrl, noindex: s.noindex }),
  },
  toForm: (p) => ({ title: p.title, slug: p.slug, summary: p.summary, body: p.body, tags: p.tags.join(', '), authorId: p.authorId, coverMediaId: p.coverMediaId ?? '', coverAlt: p.coverAlt, metaTitle: p.metaTitle, metaDescription: p.metaDescription, canonicalUrl: p.canonicalUrl, noindex: p.noindex }),
  blank: () => ({ title: '', slug: '', summary: '', body: '', tags: '', authorId: '', coverMediaId: '', coverAlt: '', metaTitle: '', metaDescription: '', canonicalUrl: '', noindex: false }),
  fieldOptions: async (db, editor) => {
    // The editor's own profile first, so it is among the options on their very first visit.
    const own = await ensureAuthorProfile(db, editor);
    return { authorId: { options: await authorOptions(db), default: own } };
  },
  columns: ({ slug, title, summary, body, authorId, coverMediaId, coverAlt, metaTitle, metaDescription, canonicalUrl, noindex }) => ({
    slug,
    title,
    summary,
    body,
    authorId,
    metaTitle,
    metaDescription,
    canonicalUrl,
    noindex,
    ...(coverMediaId !== undefined ? { coverMediaId: coverMediaId || null } : {}),
    ...(coverAlt !== undefined ? { coverAlt } : {}),
  }),
  extras: async (tx, row) => ({
    tags: await tagsOf(tx, row.id),
    formerSlugs: await formerSlugsOf(tx, row.id),
    author: (await authorName(tx, row.authorId)) ?? '',
    coverName: await coverNameOf(tx, row.coverMediaId),
  }),
  async beforeWrite(tx, values, current) {
    if (!(await authorName(tx, values.authorId))) throw new ActionRefusal('invalid', 'Please correct the highlighted fields.', { authorId: 'Choose the author from the list.' });
    // A cover deleted from the library since the form (or the revision being restored) named it:
    // say so on the field, rather than let the foreign key fail the write.
    if (values.coverMediaId) {
      const [image] = await tx.select({ id: media.id }).from(media).where(eq(media.id, values.coverMediaId));
      if (!image) {
        const gone = 'The cover image is no longer in the media library. Choose another, or remove the cover.';
        // Said in the message too: the restore confirmation page has no cover field to highlight.
        throw new ActionRefusal('invalid', gone, { coverMediaId: gone });
      }
    }
    // A slug another post gave up still redirects there: it cannot be reused.
    const [taken] = await tx
      .select({ postId: postSlugRedirects.postId })
      .from(postSlugRedirects)
      .where(and(eq(postSlugRedirects.slug, values.slug), current ? ne(postSlugRedirects.postId, current.id) : undefined));
    if (taken) throw new ActionRefusal('invalid', 'Please correct the highlighted fields.', { slug: 'This slug belonged to another post and still redirects there; choose another.' });
  },
  async afterWrite(tx, saved, values, current) {
    if (current && current.slug !== saved.slug) {
      // Renaming keeps the old URL working (SPEC §2): it answers 308 to the new one.
      await tx.delete(postSlugRedirects).where(and(eq(postSlugRedirects.slug, saved.slug), eq(postSlugRedirects.postId, saved.id)));
      if (current.status !== 'draft') {
        await tx.insert(postSlugRedirects).values({ slug: current.slug, postId: saved.id }).onConflictDoUpdate({ target: postSlugRedirects.slug, set: { postId: saved.id } });
      }
    }
    // A renamed or merged tag's old slug (a stale form, a revision restored) means the tag that
    // holds it now (lib/cms/tags.ts): never a new tag shadowing the redirect.
    const tagSlugs = await canonicalTagSlugs(tx, values.tags);
    if (tagSlugs.length) await tx.insert(tags).values(tagSlugs.map((slug) => ({ slug, name: slug }))).onConflictDoNothing();
    await tx.delete(postTags).where(eq(postTags.postId, saved.id));
    if (tagSlugs.length) await tx.insert(postTags).values(tagSlugs.map((tagSlug) => ({ postId: saved.id, tagSlug })));
  },
  // Payload's lesson (STYLE.md): the old slug and every former slug too, and both tag sets.
  cacheTags: (after, before) => [
    cacheTags.posts,
    cacheTags.post(after.slug),
    ...(before ? [cacheTags.post(before.slug), ...before.tags.map(cacheTags.tag)] : []),
    ...after.formerSlugs.map(cacheTags.post),
    ...after.tags.map(cacheTags.tag),
  ],
  inFeeds: true,
  sync: {
    document: (db, p) => postSyncDocument(db, p.id),
    slug: (p) => p.slug,
    apiUrl: (p, siteUrl) => postUrls.api(siteUrl, p.slug),
  },
  publicUrl: (p) => `/posts/${p.slug}`,
  messages: {
    published: 'The public page, the API and the feeds show it now.',
    deleteEffect: () => 'its URLs will answer 410 Gone',
  },
  list: {
    subtitle: (p) => `/${p.slug}`,
    // The byline's display name and the tags, read with the page's rows (one query).
    with: {
      authorName: sql`(select ${authors.name} from ${authors} where ${authors.id} = ${posts.authorId})`,
      tagSlugs: sql`array(select ${postTags.tagSlug} from ${postTags} where ${postTags.postId} = ${posts.id} order by 1)`,
    },
    columns: [
      { label: 'Author', cell: (p) => ({ text: typeof p.authorName === 'string' ? p.authorName : '—' }) },
      { label: 'Tags', cell: (p) => ({ text: Array.isArray(p.tagSlugs) && p.tagSlugs.length ? p.tagSlugs.join(', ') : '—' }) },
    ],
    search: posts.search,
    facets: [
      {
        name: 'tag',
        label: 'Tag',
        options: async (db) => (await tagSuggestions(db)).map((slug) => ({ value: slug, label: slug })),
        parse: (v) => (v.length <= 100 && SLUG.test(v) ? v : undefined),
        where: (slug) => sql`exists (select 1 from ${postTags} where ${postTags.postId} = ${posts.id} and ${postTags.tagSlug} = ${slug})`,
      },
      {
        name: 'author',
        label: 'Author',
        options: authorOptions,
        parse: (v) => (z.uuid().safeParse(v).success ? v.toLowerCase() : undefined),
        where: (id) => eq(posts.authorId, id),
      },
    ],
    sort: { by: 'updated', dir: 'desc' },
  },
  textField: 'body',
  revisions: {
    compare: [
      { label: 'Title', show: (s) => s.title },
      { label: 'Slug', show: (s) => s.slug },
      { label: 'Summary', show: (s) => s.summary },
      { label: 'Author', show: (s) => s.author },
      { label: 'Tags', show: (s) => s.tags.join(', ') },
      { label: 'Cover', show: (s) => (s.coverMediaId ? `${s.coverName || s.coverMediaId}${s.coverAlt ? ` (alt: ${s.coverAlt})` : ''}` : 'none') },
      { label: 'Meta title', show: (s) => s.metaTitle },
      { label: 'Meta description', show: (s) => s.metaDescription },
      { label: 'Canonical URL', show: (s) => s.canonicalUrl },
      { label: 'Search engines', show: (s) => (s.noindex ? 'noindex' : 'indexed') },
      { label: 'Status', show: (s) => s.status },
      { label: 'Published at', show: (s, clock) => (s.publishedAt ? clock.stamp(s.publishedAt) : '') },
    ],
    text: { label: 'Body', of: (s) => s.body },
    restoreNote: 'Restoring brings back the title, slug, summary, body, author, tags, cover and SEO fields; the status stays as it is now.',
  },
  preview: (values) => (typeof values.body === 'string' ? values.body : undefined),
});

/** Is this slug free (for the live check next to the slug field)? */
export async function isSlugFree(tx: Db, slug: string, exceptId?: string): Promise<boolean> {
  const [post] = await tx.select({ id: posts.id }).from(posts).where(and(eq(posts.slug, slug), exceptId ? ne(posts.id, exceptId) : undefined));
  const [redirect] = await tx.select({ postId: postSlugRedirects.postId }).from(postSlugRedirects).where(and(eq(postSlugRedirects.slug, slug), exceptId ? ne(postSlugRedirects.postId, exceptId) : undefined));
  return !post && !redirect;
}

/** Every tag in use or defined, for suggestions. */
export async function tagSuggestions(tx: Db): Promise<string[]> {
  return (await tx.select({ slug: tags.slug }).from(tags).orderBy(tags.slug)).map((t) => t.slug);
}
