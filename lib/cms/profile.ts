// The editor's own profile (/cms/profile): their public byline (the `authors` row linked to the
// account: display name and bio) and the time zone the CMS shows and reads times in
// (user.time_zone; empty = the browser's). One transaction; renaming refreshes every public
// document that prints the byline.
import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { refresh } from 'next/cache';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { authors, posts, postTags, user } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import type { RunResult } from './action';
import { recordUpdates } from './change-log';
import { ensureAuthorProfile } from './authors';
import { requiredLine, text } from './forms';
import type { Editor } from './session';
import { timeZones } from './time';

let known: Set<string> | undefined;
const isListedZone = (zone: string) => (known ??= new Set(timeZones())).has(zone);

export const profileSchema = z
  .object({
    name: requiredLine('The display name', 100),
    bio: text('The bio', 2000).default(''),
    timeZone: z
      .string({ error: 'Choose a time zone from the list.' })
      .trim()
      .max(64, 'Choose a time zone from the list.')
      .refine((v) => v === '' || isListedZone(v), 'Choose a time zone from the list.')
      .default(''),
  })
  .strict();

export interface Profile {
  name: string;
  bio: string;
  /** '' = the browser's zone. */
  timeZone: string;
}

export async function loadProfile(db: Db, editor: Editor): Promise<Profile> {
  const authorId = await ensureAuthorProfile(db, editor);
  const [author] = await db.select({ name: authors.name, bio: authors.bio }).from(authors).where(eq(authors.id, authorId));
  const [account] = await db.select({ timeZone: user.timeZone }).from(user).where(eq(user.id, editor.id));
  return { name: author?.name ?? editor.name, bio: author?.bio ?? '', timeZone: account?.timeZone ?? '' };
}

export async function saveProfile(tx: Tx, editor: Editor, input: z.infer<typeof profileSchema>): Promise<RunResult> {
  const authorId = await ensureAuthorProfile(tx, editor);
  const [before] = await tx.select({ name: authors.name }).from(authors).where(eq(authors.id, authorId));
  await tx.update(authors).set({ name: input.name, bio: input.bio, updatedAt: new Date() }).where(eq(authors.id, authorId));
  await tx.update(user).set({ timeZone: input.timeZone || null, updatedAt: new Date() }).where(eq(user.id, editor.id));
  const renamed = before?.name !== input.name;
  // The zone may have changed: the whole CMS (its layout too) renders again.
  refresh();
  return {
    message: 'Profile saved.',
    tags: renamed ? [...(await bylineTags(tx, authorId)), ...(await bylineUpdates(tx, authorId))] : [],
    feedsChanged: renamed,
    redirectTo: '/cms/profile?saved=1',
  };
}

/**
 * Every cache tag of a public document that prints this author's byline: the post lists and
 * feeds (`posts`), each of their posts' pages and API documents, and their tags' feeds
 * (lib/content/posts.ts, feed-readers.ts; the byline is postAuthorName in post-columns.ts).
 */
async function bylineTags(tx: Tx, authorId: string): Promise<string[]> {
  const theirs = await tx.select({ id: posts.id, slug: posts.slug }).from(posts).where(eq(posts.authorId, authorId));
  if (theirs.length === 0) return [cacheTags.posts];
  const tagged = await tx
    .selectDistinct({ tag: postTags.tagSlug })
    .from(postTags)
    .where(inArray(postTags.postId, theirs.map((p) => p.id)));
  return [cacheTags.posts, ...theirs.map((p) => cacheTags.post(p.slug)), ...tagged.map((t) => cacheTags.tag(t.tag))];
}

/** The byline is in their posts' documents: an `updated` change-log record for each public one. */
async function bylineUpdates(tx: Tx, authorId: string): Promise<string[]> {
  const theirs = await tx.select({ id: posts.id }).from(posts).where(eq(posts.authorId, authorId));
  return recordUpdates(tx, 'post', theirs.map((p) => p.id));
}
