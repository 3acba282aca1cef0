// Posts in the CMS: the form schema, uncached reads for editors, and the saving rules
// (optimistic concurrency, slug history, tags, revisions, cache tags).
import 'server-only';
import { cmsDb } from './db';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { posts, postSlugRedirects, postTags, revisions, tags } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { ActionRefusal, type RunResult } from './action';
import { nextPublication } from './publication';
import { staleVersion } from './revisions';
import { idField, line, MAX_BODY_CHARS, requiredLine, slugField, tagsField, text, utcDateTime, versionField } from './forms';
import type { Editor } from './session';

export const postFormSchema = z
  .object({
    id: idField,
    version: versionField.default(0),
    title: requiredLine('The title', 300),
    slug: slugField,
    summary: line('The summary', 1000).default(''),
    body: text('The body', MAX_BODY_CHARS).default(''),
    tags: tagsField.default([]),
    author: requiredLine('The author', 200),
    publishAt: utcDateTime.optional(),
    intent: z.enum(['save', 'publish', 'schedule', 'unpublish'], { error: 'Choose what to do with the post.' }).default('save'),
  })
  .strict();
export type PostFormInput = z.infer<typeof postFormSchema>;

export const postDeleteSchema = z
  .object({
    id: z.uuid('Unknown post.'),
    version: versionField,
    confirm: z.literal('yes', { error: 'Tick the box to confirm the deletion.' }),
  })
  .strict();

export const postRestoreSchema = z
  .object({ id: z.uuid('Unknown post.'), version: versionField, revisionId: z.uuid('Unknown revision.') })
  .strict();

export type PostStatus = 'draft' | 'scheduled' | 'published';

export async function listPostsForCms(status?: PostStatus, limit = 100) {
  const db = await cmsDb();
  return db
    .select({ id: posts.id, slug: posts.slug, title: posts.title, status: posts.status, publishedAt: posts.publishedAt, updatedAt: posts.updatedAt, author: posts.author })
    .from(posts)
    .where(and(isNull(posts.deletedAt), status ? eq(posts.status, status) : undefined))
    .orderBy(desc(posts.updatedAt))
    .limit(limit);
}

export async function getPostForCms(id: string) {
  const db = await cmsDb();
  const [post] = await db.select().from(posts).where(and(eq(posts.id, id), isNull(posts.deletedAt)));
  if (!post) return undefined;
  const tagRows = await db.select({ slug: postTags.tagSlug }).from(postTags).where(eq(postTags.postId, id)).orderBy(postTags.tagSlug);
  return { ...post, tags: tagRows.map((t) => t.slug) };
}

type PostRow = typeof posts.$inferSelect;

function snapshot(post: PostRow, postTagSlugs: string[]): Record<string, unknown> {
  return {
    slug: post.slug,
    title: post.title,
    summary: post.summary,
    body: post.body,
    author: post.author,
    status: post.status,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    tags: postTagSlugs,
  };
}

async function setTags(tx: Tx, postId: string, slugs: string[]): Promise<string[]> {
  const before = (await tx.select({ slug: postTags.tagSlug }).from(postTags).where(eq(postTags.postId, postId))).map((r) => r.slug);
  if (slugs.length) await tx.insert(tags).values(slugs.map((slug) => ({ slug, name: slug }))).onConflictDoNothing();
  await tx.delete(postTags).where(eq(postTags.postId, postId));
  if (slugs.length) await tx.insert(postTags).values(slugs.map((tagSlug) => ({ postId, tagSlug })));
  return before;
}

const MESSAGES: Record<PostFormInput['intent'], string> = {
  save: 'Saved.',
  publish: 'Published. The public page, the API and the feeds show it now.',
  schedule: 'Scheduled.',
  unpublish: 'Unpublished. It is no longer public.',
};

/** Create or update a post from the form. */
export async function savePost(tx: Tx, input: PostFormInput, editor: Editor): Promise<RunResult> {
  const now = new Date();
  const current = input.id ? (await tx.select().from(posts).where(and(eq(posts.id, input.id), isNull(posts.deletedAt))))[0] : undefined;
  if (input.id && !current) throw new ActionRefusal('invalid', 'This post no longer exists (it may have been deleted).');
  if (current && current.version !== input.version) throw await staleVersion(tx, 'post', current.id, 'post');

  // A slug another post gave up still redirects there: it cannot be reused.
  const [taken] = await tx
    .select({ postId: postSlugRedirects.postId })
    .from(postSlugRedirects)
    .where(and(eq(postSlugRedirects.slug, input.slug), current ? ne(postSlugRedirects.postId, current.id) : undefined));
  if (taken) throw new ActionRefusal('invalid', 'Please correct the highlighted fields.', { slug: 'This slug belonged to another post and still redirects there; choose another.' });

  const { status, publishedAt } = nextPublication(input.intent, input.publishAt, current, now);
  const fields = { slug: input.slug, title: input.title, summary: input.summary, body: input.body, author: input.author, status, publishedAt };
  let saved: PostRow;
  if (current) {
    const [row] = await tx
      .update(posts)
      .set({ ...fields, version: sql`${posts.version} + 1`, updatedAt: now })
      .where(and(eq(posts.id, current.id), eq(posts.version, input.version)))
      .returning();
    if (!row) throw await staleVersion(tx, 'post', current.id, 'post');
    saved = row;
    if (current.slug !== input.slug) {
      // Renaming keeps the old URL working (SPEC §2): it answers 308 to the new one.
      await tx.delete(postSlugRedirects).where(and(eq(postSlugRedirects.slug, input.slug), eq(postSlugRedirects.postId, current.id)));
      if (current.status !== 'draft') {
        await tx.insert(postSlugRedirects).values({ slug: current.slug, postId: current.id }).onConflictDoUpdate({ target: postSlugRedirects.slug, set: { postId: current.id } });
      }
    }
  } else {
    [saved] = (await tx.insert(posts).values({ ...fields, createdAt: now, updatedAt: now }).returning()) as [PostRow];
  }
  const tagsBefore = await setTags(tx, saved.id, input.tags);
  const formerSlugs = (await tx.select({ slug: postSlugRedirects.slug }).from(postSlugRedirects).where(eq(postSlugRedirects.postId, saved.id))).map((r) => r.slug);
  return {
    message: current ? MESSAGES[input.intent] : 'Created.',
    tags: [
      cacheTags.posts,
      cacheTags.post(saved.slug),
      ...(current ? [cacheTags.post(current.slug)] : []),
      ...formerSlugs.map(cacheTags.post),
      ...[...tagsBefore, ...input.tags].map(cacheTags.tag),
    ],
    revision: { entityType: 'post', entityId: saved.id, entityVersion: saved.version, snapshot: snapshot(saved, input.tags), note: input.intent === 'save' ? null : input.intent },
    feedsChanged: status === 'published' || current?.status === 'published',
    redirectTo: `/cms/posts/${saved.id}?saved=${input.intent}`,
  };
}

export async function deletePost(tx: Tx, input: z.infer<typeof postDeleteSchema>): Promise<RunResult> {
  const [current] = await tx.select().from(posts).where(and(eq(posts.id, input.id), isNull(posts.deletedAt)));
  if (!current) throw new ActionRefusal('invalid', 'This post no longer exists.');
  const [row] = await tx
    .update(posts)
    .set({ deletedAt: new Date(), version: sql`${posts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(posts.id, input.id), eq(posts.version, input.version)))
    .returning();
  if (!row) throw await staleVersion(tx, 'post', input.id, 'post');
  const tagRows = await tx.select({ slug: postTags.tagSlug }).from(postTags).where(eq(postTags.postId, row.id));
  const formerSlugs = await tx.select({ slug: postSlugRedirects.slug }).from(postSlugRedirects).where(eq(postSlugRedirects.postId, row.id));
  return {
    message: 'Deleted.',
    tags: [cacheTags.posts, cacheTags.post(row.slug), ...formerSlugs.map((r) => cacheTags.post(r.slug)), ...tagRows.map((t) => cacheTags.tag(t.slug))],
    revision: { entityType: 'post', entityId: row.id, entityVersion: row.version, snapshot: snapshot(row, tagRows.map((t) => t.slug)), note: 'deleted' },
    feedsChanged: current.status === 'published',
    redirectTo: '/cms/posts?deleted=1',
  };
}

/** Restoring is itself a new revision: the old content becomes the next version. */
export async function restorePost(tx: Tx, input: z.infer<typeof postRestoreSchema>, editor: Editor): Promise<RunResult> {
  const [rev] = await tx.select().from(revisions).where(and(eq(revisions.id, input.revisionId), eq(revisions.entityType, 'post'), eq(revisions.entityId, input.id)));
  if (!rev) throw new ActionRefusal('invalid', 'This revision does not belong to this post.');
  const [current] = await tx.select().from(posts).where(and(eq(posts.id, input.id), isNull(posts.deletedAt)));
  if (!current) throw new ActionRefusal('invalid', 'This post no longer exists.');
  const snap = rev.snapshot as { slug?: string; title?: string; summary?: string; body?: string; author?: string; tags?: string[] };
  const result = await savePost(
    tx,
    {
      id: current.id,
      version: input.version,
      slug: snap.slug ?? current.slug,
      title: snap.title ?? current.title,
      summary: snap.summary ?? current.summary,
      body: snap.body ?? current.body,
      author: snap.author ?? current.author,
      tags: Array.isArray(snap.tags) ? snap.tags.filter((t): t is string => typeof t === 'string') : [],
      publishAt: undefined,
      intent: 'save',
    },
    editor,
  );
  return {
    ...result,
    message: `Restored version ${rev.entityVersion}.`,
    revision: result.revision && { ...result.revision, note: `restored version ${rev.entityVersion}` },
    redirectTo: `/cms/posts/${current.id}?saved=restore`,
  };
}

export async function tagSuggestions(): Promise<string[]> {
  const db = await cmsDb();
  return (await db.select({ slug: tags.slug }).from(tags).orderBy(tags.slug)).map((t) => t.slug);
}

export async function isSlugFree(slug: string, exceptId?: string): Promise<boolean> {
  const db = await cmsDb();
  const [post] = await db.select({ id: posts.id }).from(posts).where(and(eq(posts.slug, slug), exceptId ? ne(posts.id, exceptId) : undefined));
  const [redirect] = await db.select({ postId: postSlugRedirects.postId }).from(postSlugRedirects).where(and(eq(postSlugRedirects.slug, slug), exceptId ? ne(postSlugRedirects.postId, exceptId) : undefined));
  return !post && !redirect;
}

