// Tags as editors manage them: list, rename and describe, merge one into another, suggest while
// typing. A tag's slug is its public name (`?tag=` on the API and the feeds, post documents'
// `tags`), so a slug that is given up keeps answering: tag_slug_redirects maps it to the tag that
// took it over, and the public readers answer it with 308 (lib/api/tag-param.ts). Renaming is an
// UPDATE of tags.slug: post_tags and the redirects follow by ON UPDATE CASCADE (db/schema.ts).
import 'server-only';
import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { posts, postTags, tags, tagSlugRedirects } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import type { RunResult } from './action';
import { recordUpdates } from './change-log';
import { line, requiredLine, slugField, text } from './forms';
import { ActionRefusal } from './refusals';

export interface TagRow {
  slug: string;
  name: string;
  description: string;
  /** Posts carrying the tag (not deleted; drafts included: the editor's view). */
  posts: number;
  /** Slugs this tag gave up (renames, merged tags), which redirect to it. */
  formerSlugs: string[];
}

export async function listTags(db: Db): Promise<TagRow[]> {
  const rows = await db
    .select({ slug: tags.slug, name: tags.name, description: tags.description, posts: sql<number>`count(${posts.id})::int` })
    .from(tags)
    .leftJoin(postTags, eq(postTags.tagSlug, tags.slug))
    .leftJoin(posts, and(eq(posts.id, postTags.postId), isNull(posts.deletedAt)))
    .groupBy(tags.slug)
    .orderBy(asc(tags.slug));
  const redirects = await db.select({ slug: tagSlugRedirects.slug, tag: tagSlugRedirects.tagSlug }).from(tagSlugRedirects).orderBy(asc(tagSlugRedirects.slug));
  const former = new Map<string, string[]>();
  for (const r of redirects) former.set(r.tag, [...(former.get(r.tag) ?? []), r.slug]);
  return rows.map((r) => ({ ...r, posts: Number(r.posts), formerSlugs: former.get(r.slug) ?? [] }));
}

/** The tag being changed, named by its slug in a hidden field. */
const targetTag = z.string({ error: 'Reload the page: this form does not name a tag.' }).trim().min(1, 'Reload the page: this form does not name a tag.').max(200);

export const editTagSchema = z.strictObject({
  tag: targetTag,
  name: requiredLine('The name', 100),
  slug: slugField,
  description: text('The description', 2000).transform((v) => v.trim()).default(''),
});

export const mergeTagSchema = z.strictObject({
  tag: targetTag,
  into: z.string({ error: 'Choose the tag to merge into.' }).trim().min(1, 'Choose the tag to merge into.').max(200).pipe(slugField),
});

const invalid = (fieldErrors: Record<string, string>) => new ActionRefusal('invalid', 'Please correct the highlighted fields.', fieldErrors);

/** The tag row, locked for this transaction (a concurrent rename or merge waits for us). */
async function lockTag(tx: Db, slug: string) {
  const [row] = await tx.select().from(tags).where(eq(tags.slug, slug)).for('update');
  return row;
}

/** Posts carrying the tag (deleted ones too: their 410 documents do not list tags, but cheap). */
async function postsTagged(tx: Db, slug: string): Promise<{ id: string; slug: string }[]> {
  return tx.select({ id: posts.id, slug: posts.slug }).from(postTags).innerJoin(posts, eq(posts.id, postTags.postId)).where(eq(postTags.tagSlug, slug));
}

/**
 * The posts' documents list their tags: they changed, so their Last-Modified must move too
 * (RFC 9110 §8.8.2.1; otherwise an If-Modified-Since client keeps the old tags). Not their
 * `version`: an editor's open form stays valid, and a stale old slug it sends back is mapped to
 * the current tag on save (canonicalTagSlugs).
 */
async function touchPosts(tx: Db, ids: string[]): Promise<void> {
  if (ids.length) await tx.update(posts).set({ updatedAt: sql`now()` }).where(and(inArray(posts.id, ids), isNull(posts.deletedAt)));
}

/** Cache tags a change to these tags touches (lib/content/cache-tags.ts). */
function touched(tagSlugs: string[], affected: { slug: string }[]): string[] {
  return [cacheTags.posts, ...tagSlugs.map(cacheTags.tag), ...affected.map((p) => cacheTags.post(p.slug))];
}

/** Rename (name and/or slug) and describe a tag, in one step. */
export async function editTag(tx: Tx, input: z.output<typeof editTagSchema>): Promise<RunResult> {
  const current = await lockTag(tx, input.tag);
  if (!current) throw new ActionRefusal('conflict', 'This tag no longer exists (renamed or merged meanwhile); reload the page.');
  const renamed = input.slug !== current.slug;
  if (renamed) {
    const [tagClash] = await tx.select({ slug: tags.slug }).from(tags).where(eq(tags.slug, input.slug));
    if (tagClash) throw invalid({ slug: 'Another tag already has this slug. To combine the two, merge them instead.' });
    const [redirect] = await tx.select({ tag: tagSlugRedirects.tagSlug }).from(tagSlugRedirects).where(eq(tagSlugRedirects.slug, input.slug));
    if (redirect && redirect.tag !== current.slug) throw invalid({ slug: `This slug used to name a tag and still redirects to “${redirect.tag}”; choose another.` });
    // Taking back one of its own former slugs: that slug stops redirecting and names it again.
    if (redirect) await tx.delete(tagSlugRedirects).where(eq(tagSlugRedirects.slug, input.slug));
  }
  const affected = renamed ? await postsTagged(tx, current.slug) : [];
  await tx.update(tags).set({ slug: input.slug, name: input.name, description: input.description }).where(eq(tags.slug, current.slug));
  if (renamed) {
    await tx.insert(tagSlugRedirects).values({ slug: current.slug, tagSlug: input.slug });
    await touchPosts(tx, affected.map((p) => p.id));
  }
  const logged = renamed ? await recordUpdates(tx, 'post', affected.map((p) => p.id)) : [];
  const what = [renamed && `the slug is now “${input.slug}”`, input.name !== current.name && `the name is “${input.name}”`, input.description !== current.description && 'the description is saved'].filter(Boolean);
  return {
    message: what.length
      ? `Tag “${current.slug}”: ${what.join(', ')}.${renamed ? ` Its ${plural(affected.length)} show the new slug, and ?tag=${current.slug} redirects to it.` : ''}`
      : 'Nothing changed.',
    tags: renamed ? [...touched([current.slug, input.slug], affected), ...logged] : [cacheTags.tag(current.slug), cacheTags.tags],
    feedsChanged: renamed && affected.length > 0,
    // The card is keyed by slug, so a renamed tag's form (and its in-place result) is gone:
    // say it on the page instead (Post/Redirect/Get, with or without JavaScript).
    redirectTo: doneUrl('edited', input.slug),
  };
}

/** Merge a tag into another: its posts get the other tag, it disappears, its slugs redirect. */
export async function mergeTag(tx: Tx, input: z.output<typeof mergeTagSchema>): Promise<RunResult> {
  if (input.tag === input.into) throw invalid({ into: 'A tag cannot be merged into itself; choose another tag.' });
  // Lock in slug order, so two opposite merges at once cannot deadlock.
  const [first, second] = [input.tag, input.into].sort();
  const locked = new Map([[first!, await lockTag(tx, first!)], [second!, await lockTag(tx, second!)]]);
  const from = locked.get(input.tag);
  const into = locked.get(input.into);
  if (!from) throw new ActionRefusal('conflict', 'This tag no longer exists (renamed or merged meanwhile); reload the page.');
  if (!into) throw invalid({ into: 'That tag no longer exists; reload the page and choose again.' });
  const affected = await postsTagged(tx, from.slug);
  // Posts that had both keep one; the rest gain the target.
  await tx.execute(sql`insert into ${postTags} (post_id, tag_slug) select ${postTags.postId}, ${into.slug} from ${postTags} where ${postTags.tagSlug} = ${from.slug} on conflict do nothing`);
  // The merged tag's own former slugs now lead to the target, then the tag goes (its post_tags
  // rows with it, by cascade) and its slug becomes one more redirect.
  await tx.update(tagSlugRedirects).set({ tagSlug: into.slug }).where(eq(tagSlugRedirects.tagSlug, from.slug));
  await tx.delete(tags).where(eq(tags.slug, from.slug));
  await tx.insert(tagSlugRedirects).values({ slug: from.slug, tagSlug: into.slug });
  await touchPosts(tx, affected.map((p) => p.id));
  const logged = await recordUpdates(tx, 'post', affected.map((p) => p.id));
  return {
    message: `Merged “${from.slug}” into “${into.slug}”: its ${plural(affected.length)} now carry “${into.slug}”, and ?tag=${from.slug} redirects there.`,
    tags: [...touched([from.slug, into.slug], affected), ...logged],
    feedsChanged: affected.length > 0,
    redirectTo: doneUrl('merged', into.slug),
  };
}

export const doneUrl = (done: 'edited' | 'merged', slug: string) => `/cms/tags?done=${done}&tag=${slug}#tag-${slug}`;

const plural = (n: number) => (n === 1 ? '1 post' : `${n} posts`);

/**
 * Slugs as a post form sent them, each mapped to the tag that now holds it: an editor whose
 * form still shows a renamed or merged tag must not bring the old tag back (it would shadow the
 * redirect).
 */
export async function canonicalTagSlugs(tx: Db, slugs: string[]): Promise<string[]> {
  if (!slugs.length) return slugs;
  const moved = new Map(
    (await tx.select({ slug: tagSlugRedirects.slug, tag: tagSlugRedirects.tagSlug }).from(tagSlugRedirects).where(inArray(tagSlugRedirects.slug, slugs))).map((r) => [r.slug, r.tag]),
  );
  return [...new Set(slugs.map((s) => moved.get(s) ?? s))];
}

export interface TagSuggestion {
  slug: string;
  name: string;
}

export const suggestionTerm = line('The term', 100).transform((v) => v.toLowerCase());

/** Tags whose slug or name matches what is being typed, slug prefixes first. */
export async function suggestTags(db: Db, term: string, limit = 8): Promise<TagSuggestion[]> {
  // LIKE's own wildcards in the term are literal characters here.
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  const match = term ? or(ilike(tags.slug, `%${escaped}%`), ilike(tags.name, `%${escaped}%`)) : undefined;
  return db
    .select({ slug: tags.slug, name: tags.name })
    .from(tags)
    .where(match)
    .orderBy(sql`case when ${tags.slug} like ${`${escaped}%`} then 0 else 1 end`, asc(tags.slug))
    .limit(limit);
}
