// Editing author profiles (db/schema.ts `authors`, the public byline of posts): the one save
// behind both the editor's own profile (/cms/profile, lib/cms/profile.ts) and the admins' page
// of every profile (/cms/authors), and what only admins do there: list every profile, link an
// account-less profile (a migrated or demo byline) to an account that has none, or unlink one.
import 'server-only';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { authors, posts, postTags, user } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import type { RunResult } from './action';
import { recordUpdates } from './change-log';
import { requiredLine, text } from './forms';
import { ActionRefusal } from './refusals';

/** The public fields of a profile, as both forms take them. */
export const authorFields = {
  name: requiredLine('The display name', 100),
  bio: text('The bio', 2000).default(''),
};

export type AuthorInput = z.output<z.ZodObject<typeof authorFields>>;

/**
 * Save a profile's display name and bio (the caller's transaction). The name is in every public
 * document of their posts: renaming invalidates them all and records an `updated` change for each
 * public one. The bio is printed on their post pages (lib/content/posts.ts lookupPost) and in the
 * author directory (/authors/{slug}, /api/authors: lib/content/taxonomy.ts), so a bio change
 * invalidates those and leaves the post documents, lists and feeds alone.
 */
export async function saveAuthor(tx: Tx, authorId: string, input: AuthorInput): Promise<Pick<RunResult, 'tags' | 'feedsChanged'>> {
  // Locked: two saves of one profile at once apply one after the other, each seeing the other's name.
  const [before] = await tx.select({ name: authors.name, bio: authors.bio }).from(authors).where(eq(authors.id, authorId)).for('update');
  if (!before) throw new ActionRefusal('conflict', 'This author profile no longer exists; reload the page.');
  const renamed = before.name !== input.name;
  if (!renamed && before.bio === input.bio) return { tags: [], feedsChanged: false };
  await tx.update(authors).set({ name: input.name, bio: input.bio, updatedAt: new Date() }).where(eq(authors.id, authorId));
  const theirs = await tx.select({ id: posts.id, slug: posts.slug }).from(posts).where(eq(posts.authorId, authorId));
  // The author directory (/api/authors, /authors/{slug}) prints the name and the bio.
  const pages = [cacheTags.authors, ...theirs.map((p) => cacheTags.post(p.slug))];
  if (!renamed) return { tags: pages, feedsChanged: false };
  return { tags: [cacheTags.authors, ...(await bylineTags(tx, theirs)), ...(await recordUpdates(tx, 'post', theirs.map((p) => p.id)))], feedsChanged: true };
}

/**
 * Every cache tag of a public document that prints these posts' byline: the post lists and feeds
 * (`posts`), each post's page and API documents, and their tags' feeds (lib/content/posts.ts,
 * feed-readers.ts; the byline is postAuthorName in post-columns.ts).
 */
async function bylineTags(tx: Tx, theirs: { id: string; slug: string }[]): Promise<string[]> {
  if (theirs.length === 0) return [cacheTags.posts];
  const tagged = await tx
    .selectDistinct({ tag: postTags.tagSlug })
    .from(postTags)
    .where(inArray(postTags.postId, theirs.map((p) => p.id)));
  return [cacheTags.posts, ...theirs.map((p) => cacheTags.post(p.slug)), ...tagged.map((t) => cacheTags.tag(t.tag))];
}

export interface AuthorRow {
  id: string;
  slug: string;
  name: string;
  bio: string;
  /** The linked editor account, if any. */
  account: { id: string; name: string; email: string } | null;
  /** Posts with this byline (not deleted; drafts included: the editor's view). */
  posts: number;
}

/** Every profile, by name, with its account and its number of posts. */
export async function listAuthors(db: Db): Promise<AuthorRow[]> {
  const rows = await db
    .select({
      id: authors.id,
      slug: authors.slug,
      name: authors.name,
      bio: authors.bio,
      accountId: user.id,
      accountName: user.name,
      accountEmail: user.email,
      posts: sql<number>`(select count(*) from ${posts} where ${posts.authorId} = ${authors.id} and ${posts.deletedAt} is null)::int`,
    })
    .from(authors)
    .leftJoin(user, eq(user.id, authors.userId))
    .orderBy(asc(authors.name), asc(authors.slug));
  return rows.map(({ accountId, accountName, accountEmail, ...r }) => ({
    ...r,
    posts: Number(r.posts),
    account: accountId ? { id: accountId, name: accountName ?? '', email: accountEmail ?? '' } : null,
  }));
}

/** Accounts with no profile of their own yet: the ones a profile may be linked to. */
export async function unlinkedAccounts(db: Db): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: user.id, name: user.name, email: user.email })
    .from(user)
    .leftJoin(authors, eq(authors.userId, user.id))
    .where(isNull(authors.id))
    .orderBy(asc(user.name), asc(user.email));
}

/** The profile being changed, named by its id in a hidden field. */
const targetAuthor = z.uuid({ error: 'Reload the page: this form does not name an author profile.' });

export const editAuthorSchema = z.strictObject({ author: targetAuthor, ...authorFields });

export const linkAuthorSchema = z.strictObject({
  author: targetAuthor,
  account: z.string({ error: 'Choose an account.' }).trim().min(1, 'Choose an account.').max(100, 'Choose an account from the list.'),
});

export const unlinkAuthorSchema = z.strictObject({ author: targetAuthor });

const invalid = (fieldErrors: Record<string, string>) => new ActionRefusal('invalid', 'Please correct the highlighted fields.', fieldErrors);

async function lockAuthor(tx: Tx, id: string) {
  const [row] = await tx.select().from(authors).where(eq(authors.id, id)).for('update');
  if (!row) throw new ActionRefusal('conflict', 'This author profile no longer exists; reload the page.');
  return row;
}

export const authorsDoneUrl = (done: 'edited' | 'linked' | 'unlinked', slug: string) => `/cms/authors?done=${done}&author=${slug}#author-${slug}`;

/** An admin saves any profile's name and bio (the same save as the editor's own profile). */
export async function editAuthor(tx: Tx, input: z.output<typeof editAuthorSchema>): Promise<RunResult> {
  const current = await lockAuthor(tx, input.author);
  const change = await saveAuthor(tx, current.id, { name: input.name, bio: input.bio });
  return { message: `Saved “${input.name}”.`, ...change, redirectTo: authorsDoneUrl('edited', current.slug) };
}

/** Link an account-less profile to an account that has none: it becomes that account's byline. */
export async function linkAuthor(tx: Tx, input: z.output<typeof linkAuthorSchema>): Promise<RunResult> {
  const current = await lockAuthor(tx, input.author);
  if (current.userId) throw invalid({ account: 'This profile is linked to an account already; unlink it first.' });
  const [account] = await tx.select({ id: user.id, email: user.email }).from(user).where(eq(user.id, input.account)).for('update');
  if (!account) throw invalid({ account: 'That account no longer exists; reload the page and choose again.' });
  const [own] = await tx.select({ name: authors.name }).from(authors).where(eq(authors.userId, account.id));
  if (own) throw invalid({ account: `${account.email} has an author profile already (“${own.name}”); choose another account.` });
  await tx.update(authors).set({ userId: account.id, updatedAt: new Date() }).where(and(eq(authors.id, current.id), isNull(authors.userId)));
  // Nothing public shows the link: no cache tag changes.
  return { message: `Linked “${current.name}” to ${account.email}.`, tags: [], redirectTo: authorsDoneUrl('linked', current.slug) };
}

/** Unlink a profile from its account (the account gets a fresh profile of its own when next needed). */
export async function unlinkAuthor(tx: Tx, input: z.output<typeof unlinkAuthorSchema>): Promise<RunResult> {
  const current = await lockAuthor(tx, input.author);
  if (!current.userId) throw invalid({ form: 'This profile is not linked to an account.' });
  await tx.update(authors).set({ userId: null, updatedAt: new Date() }).where(eq(authors.id, current.id));
  return { message: `Unlinked “${current.name}”.`, tags: [], redirectTo: authorsDoneUrl('unlinked', current.slug) };
}
