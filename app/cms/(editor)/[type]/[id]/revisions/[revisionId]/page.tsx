// One revision of any content type, compared with what the editor works on now (the staged
// edit of a published item, else the item), and the way to restore it: a confirmation page
// (./restore) that shows what restoring changes before anything is written.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { cmsDb } from '@/lib/cms/db';
import { getItemForCms } from '@/lib/cms/reads';
import { listRevisions } from '@/lib/cms/revisions';
import { editorClock } from '@/lib/cms/editor-clock';
import { findStaged } from '@/lib/cms/staging';
import { SnapshotDiff } from '../../../../snapshot-diff';
import { typeFrom } from '../../../type-param';
import { side } from '../sides';

export const metadata: Metadata = { title: 'Revision' };

export default async function RevisionPage({ params }: { params: Promise<{ type: string; id: string; revisionId: string }> }) {
  const type = await typeFrom(params);
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(await params);
  if (!ids.success) notFound();
  const item = await getItemForCms(type, ids.data.id);
  if (!item) notFound();
  const [revs, clock, staged] = await Promise.all([listRevisions(type.name, item.id), editorClock(), findStaged(await cmsDb(), type, item.id)]);
  const rev = revs.find((r) => r.id === ids.data.revisionId);
  if (!rev) notFound();
  const ctx = { type, item, staged, revisions: revs, clock };
  const now = side(staged ? 'staged' : 'current', ctx) ?? side('current', ctx);
  const then = side(rev.id, ctx);
  const base = `/cms/${type.segment}/${item.id}`;
  return (
    <main>
      <h1>{`Version ${rev.entityVersion} of “${item.title}”`}</h1>
      <p className="meta">
        {`Saved by ${rev.editorName} at ${clock.stamp(rev.createdAt, { seconds: true })}${rev.note ? ` (${rev.note})` : ''}. `}
        <a href={`${base}/revisions`}>All revisions</a> · <a href={`${base}/revisions?from=${rev.id}&to=${staged ? 'staged' : 'current'}#compare`}>Compare with another version</a>
      </p>
      {then && now ? (
        <>
          <h2>What differs from {staged ? 'the unpublished changes' : `the ${publicationOf(type, item).status} version`}</h2>
          <SnapshotDiff type={type} from={now} to={then} clock={clock} />
          <p className="meta">{type.revisions.restoreNote}</p>
          <p>
            <a className="button" href={`${base}/revisions/${rev.id}/restore`}>{`Restore version ${rev.entityVersion}…`}</a>{' '}
            <span className="hint">You will see what changes and confirm first.</span>
          </p>
        </>
      ) : (
        <p className="notice notice-invalid" role="status">This revision was stored in an older shape that no longer fits this {type.labels.singular}; it can be read but not restored.</p>
      )}
    </main>
  );
}
