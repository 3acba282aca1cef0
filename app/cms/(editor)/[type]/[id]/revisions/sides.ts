// What the revision pages compare: a stored revision, the item as it is now ("current": the
// published or draft row), or its staged edit ("staged"). Every side is read through the type's
// snapshot schema: stored JSON is parsed, never cast.
import 'server-only';
import type { Revision, StagedEdit } from '@/db/schema';
import { publicationOf, type AnyContentType } from '@/lib/cms/content-type';
import type { AnyItem } from '@/lib/cms/items';
import { parseStaged } from '@/lib/cms/staging';
import type { Clock } from '@/lib/cms/time';
import type { DiffSide } from '../../../snapshot-diff';

export type SideKey = 'current' | 'staged' | string;

export interface SideContext {
  type: AnyContentType;
  item: AnyItem;
  staged: StagedEdit | undefined;
  revisions: Revision[];
  clock: Clock;
}

export function revisionName(r: Revision, clock: Clock): string {
  return `version ${r.entityVersion} (${r.editorName}, ${clock.format(r.createdAt, { seconds: true })})`;
}

/** The side a key names, or undefined when it names nothing readable. */
export function side(key: string | undefined, c: SideContext): DiffSide | undefined {
  if (key === 'current') {
    return { name: `the ${publicationOf(c.type, c.item).status} version now`, snap: c.type.snapshot.schema.parse(c.type.snapshot.of(c.item)) };
  }
  if (key === 'staged') {
    if (!c.staged) return undefined;
    const snap = parseStaged(c.type, c.staged);
    return snap.success ? { name: `the unpublished changes (${c.staged.editorName}, ${c.clock.format(c.staged.updatedAt, { seconds: true })})`, snap: snap.data } : undefined;
  }
  const rev = c.revisions.find((r) => r.id === key);
  if (!rev) return undefined;
  const snap = c.type.snapshot.schema.safeParse(rev.snapshot);
  return snap.success ? { name: revisionName(rev, c.clock), snap: snap.data } : undefined;
}
