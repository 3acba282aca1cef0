// Author profiles (db/schema.ts `authors`): the public byline of posts. Every editor account has
// one, made on first need; demo and migrated bylines may belong to no account.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authors } from '@/db/schema';
import { slugify } from './slugify';

/** The editor account's own author profile, made (named after the account) if it has none. */
export async function ensureAuthorProfile(db: Db, editor: { id: string; name: string }): Promise<string> {
  const [own] = await db.select({ id: authors.id }).from(authors).where(eq(authors.userId, editor.id));
  if (own) return own.id;
  const base = slugify(editor.name) || 'author';
  // The name's slug, else a short suffix from the account id (two editors of one name), else
  // counted ones: an unlinked profile keeps its slug, so an account linked and unlinked again
  // needs a new one each time.
  const tag = editor.id.slice(0, 6).toLowerCase().replace(/[^a-z0-9]/g, '0');
  const candidates = [base, `${base}-${tag}`, ...Array.from({ length: 50 }, (_, i) => `${base}-${tag}-${i + 2}`)];
  for (const slug of candidates) {
    const [made] = await db
      .insert(authors)
      .values({ slug, name: editor.name.trim() || 'Editor', userId: editor.id })
      .onConflictDoNothing()
      .returning({ id: authors.id });
    if (made) return made.id;
    const [raced] = await db.select({ id: authors.id }).from(authors).where(eq(authors.userId, editor.id));
    if (raced) return raced.id;
  }
  throw new Error(`no free author slug for editor ${editor.id}`);
}

/** Every author profile, for the byline select. */
export async function authorOptions(db: Db): Promise<{ value: string; label: string }[]> {
  return (await db.select({ id: authors.id, name: authors.name, slug: authors.slug }).from(authors).orderBy(asc(authors.name), asc(authors.slug))).map((a) => ({
    value: a.id,
    label: a.name,
  }));
}

export async function authorName(db: Db, id: string): Promise<string | undefined> {
  const [a] = await db.select({ name: authors.name }).from(authors).where(eq(authors.id, id));
  return a?.name;
}
