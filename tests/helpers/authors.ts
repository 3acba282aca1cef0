// An author profile for tests that insert posts straight into the database (posts.author_id).
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { authors } from '@/db/schema';

export async function testAuthorId(db: Db, name = 'Ada Test'): Promise<string> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'test-author';
  const [row] = await db
    .insert(authors)
    .values({ slug, name })
    .onConflictDoUpdate({ target: authors.slug, set: { name: sql`excluded.name` } })
    .returning({ id: authors.id });
  return row!.id;
}
