// Restoring a revision asks first (SPEC §10): this page shows what restoring changes (a diff
// from what the editor works on now to the revision) and what happens to the public copy, with
// one button that posts the restore. Without JavaScript it is an ordinary page and form.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { cmsDb } from '@/lib/cms/db';
import { takeFlash } from '@/lib/cms/flash';
import { formName } from '@/lib/cms/item-actions';
import { headVersion } from '@/lib/cms/item-rows';
import { getItemForCms } from '@/lib/cms/reads';
import { listRevisions } from '@/lib/cms/revisions';
import { editorClock } from '@/lib/cms/editor-clock';
import { findStaged } from '@/lib/cms/staging';
import { RestoreForm } from '../../../../../restore-form';
import { SnapshotDiff } from '../../../../../snapshot-diff';
import { typeFrom } from '../../../../type-param';
import { side } from '../../sides';

export const metadata: Metadata = { title: 'Restore a revision', robots: { index: false } };

export default async function RestorePage({ params }: { params: Promise<{ type: string; id: string; revisionId: string }> }) {
  const type = await typeFrom(params);
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(await params);
  if (!ids.success) notFound();
  const item = await getItemForCms(type, ids.data.id);
  if (!item) notFound();
  const db = await cmsDb();
  const [revs, clock, staged, version] = await Promise.all([listRevisions(type.name, item.id), editorClock(), findStaged(db, type, item.id), headVersion(db, type, item)]);
  const rev = revs.find((r) => r.id === ids.data.revisionId);
  if (!rev) notFound();
  const flash = await takeFlash(formName(type, 'restore', rev.id));
  const ctx = { type, item, staged, revisions: revs, clock };
  const now = side(staged ? 'staged' : 'current', ctx) ?? side('current', ctx);
  const then = side(rev.id, ctx);
  const published = publicationOf(type, item).status === 'published';
  const base = `/cms/${type.segment}/${item.id}`;
  return (
    <main>
      <h1>{`Restore version ${rev.entityVersion} of “${item.title}”?`}</h1>
      <p className="notice notice-idle" role="status">
        {published
          ? `This ${type.labels.singular} is published. Restoring saves version ${rev.entityVersion} as unpublished changes${staged ? ', replacing the unpublished changes there are now' : ''}: the public keeps seeing the published version until you publish the update.`
          : `Restoring makes version ${rev.entityVersion} the ${type.labels.singular}'s next version (it stays ${publicationOf(type, item).status}).`}{' '}
        {type.revisions.restoreNote}
      </p>
      {then && now ? (
        <>
          <h2>What changes</h2>
          <SnapshotDiff type={type} from={now} to={then} clock={clock} />
          <RestoreForm type={type.name} id={item.id} version={version} revisionId={rev.id} revisionVersion={rev.entityVersion} staged={published} flash={flash} />
        </>
      ) : (
        <p className="notice notice-invalid" role="status">This revision was stored in an older shape that no longer fits this {type.labels.singular}; it cannot be restored.</p>
      )}
      <p>
        <a href={`${base}/revisions/${rev.id}`}>Cancel</a> · <a href={base}>Back to editing</a>
      </p>
    </main>
  );
}
