// Reading revisions for the CMS pages (writing them is lib/cms/items.ts and the action wrapper).
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { revisions } from '@/db/schema';
import { cmsDb } from './db';

export async function listRevisions(entityType: string, entityId: string) {
  const db = await cmsDb();
  return db
    .select()
    .from(revisions)
    .where(and(eq(revisions.entityType, entityType), eq(revisions.entityId, entityId)))
    .orderBy(desc(revisions.entityVersion));
}

export async function getRevision(id: string) {
  const db = await cmsDb();
  const [rev] = await db.select().from(revisions).where(eq(revisions.id, id));
  return rev;
}
