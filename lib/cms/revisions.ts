// Revisions shared by posts, changelog entries and events: reading them, and the conflict
// message that names who saved the version an editor did not see.
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { revisions } from '@/db/schema';
import { ActionRefusal } from './action';
import { cmsDb } from './db';

export async function listRevisions(entityType: 'post' | 'changelog' | 'event', entityId: string) {
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

/** The refusal for a stale version: who changed the item, and when. */
export async function staleVersion(tx: Tx, entityType: 'post' | 'changelog' | 'event', id: string, label: string): Promise<ActionRefusal> {
  const [last] = await tx
    .select({ editorName: revisions.editorName, createdAt: revisions.createdAt, version: revisions.entityVersion })
    .from(revisions)
    .where(and(eq(revisions.entityType, entityType), eq(revisions.entityId, id)))
    .orderBy(desc(revisions.entityVersion))
    .limit(1);
  const when = last ? last.createdAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : 'a moment ago';
  return new ActionRefusal(
    'conflict',
    `${last?.editorName ?? 'Someone'} changed this ${label} at ${when} (version ${last?.version ?? '?'}) after you opened it. ` +
      'Nothing was overwritten. Your text is kept below: copy what you need, reload, and apply it again.',
  );
}
