// The editor's own profile (/cms/profile): their public byline (the `authors` row linked to the
// account: display name and bio) and the time zone the CMS shows and reads times in
// (user.time_zone; empty = the browser's). One transaction; the byline goes through the same save
// as an admin's edit of any profile (lib/cms/author-profiles.ts saveAuthor).
import 'server-only';
import { eq } from 'drizzle-orm';
import { refresh } from 'next/cache';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { authors, user } from '@/db/schema';
import type { RunResult } from './action';
import { authorFields, saveAuthor } from './author-profiles';
import { ensureAuthorProfile } from './authors';
import type { Editor } from './session';
import { timeZones } from './time';

let known: Set<string> | undefined;
const isListedZone = (zone: string) => (known ??= new Set(timeZones())).has(zone);

export const profileSchema = z
  .object({
    ...authorFields,
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
  const byline = await saveAuthor(tx, await ensureAuthorProfile(tx, editor), { name: input.name, bio: input.bio });
  await tx.update(user).set({ timeZone: input.timeZone || null, updatedAt: new Date() }).where(eq(user.id, editor.id));
  // The zone may have changed: the whole CMS (its layout too) renders again.
  refresh();
  return { message: 'Profile saved.', ...byline, redirectTo: '/cms/profile?saved=1' };
}
