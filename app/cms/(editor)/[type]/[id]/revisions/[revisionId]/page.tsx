// One revision of any content type, compared with the current version, and restoring it.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { takeFlash } from '@/lib/cms/flash';
import { formName } from '@/lib/cms/item-actions';
import { getItemForCms } from '@/lib/cms/reads';
import { getRevision } from '@/lib/cms/revisions';
import { editorClock } from '@/lib/cms/editor-clock';
import { RestoreForm } from '../../../../restore-form';
import { TextDiff } from '../../../../text-diff';
import { typeFrom } from '../../../type-param';

export const metadata: Metadata = { title: 'Revision' };

const show = (v: string) => (v === '' ? '—' : v);

export default async function RevisionPage({ params }: { params: Promise<{ type: string; id: string; revisionId: string }> }) {
  const type = await typeFrom(params);
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(await params);
  if (!ids.success) notFound();
  const [item, rev] = await Promise.all([getItemForCms(type, ids.data.id), getRevision(ids.data.revisionId)]);
  if (!item || !rev || rev.entityId !== item.id || rev.entityType !== type.name) notFound();
  const flash = await takeFlash(formName(type, 'restore', rev.id));
  // Both sides read through the type's snapshot schema: a stored snapshot is never cast.
  const current = type.snapshot.schema.parse(type.snapshot.of(item));
  const clock = await editorClock();
  const then = type.snapshot.schema.safeParse(rev.snapshot);
  return (
    <main>
      <h1>Version {rev.entityVersion} of “{item.title}”</h1>
      <p className="meta">
        Saved by {rev.editorName} at {clock.format(rev.createdAt, { seconds: true })} {clock.label}{rev.note ? ` (${rev.note})` : ''}.{' '}
        <a href={`/cms/${type.segment}/${item.id}/revisions`}>All revisions</a>
      </p>
      {then.success ? (
        <>
          <h2>Compared with the current version ({item.version})</h2>
          <table className="cms-table">
            <thead><tr><th>Field</th><th>Current</th><th>This revision</th></tr></thead>
            <tbody>
              {type.revisions.compare.map((f) => {
                const [now, old] = [show(f.show(current)), show(f.show(then.data))];
                return (
                  <tr key={f.label} className={now !== old ? 'changed' : undefined}>
                    <td>{f.label}</td><td>{now}</td><td>{old}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h3>{type.revisions.text.label}</h3>
          <TextDiff label={type.revisions.text.label} current={type.revisions.text.of(current)} revision={type.revisions.text.of(then.data)} />
          <p className="meta">{type.revisions.restoreNote}</p>
        </>
      ) : (
        <p className="notice notice-invalid" role="status">This revision was stored in an older shape that no longer fits this {type.labels.singular}; it can be read but not restored.</p>
      )}
      <RestoreForm type={type.name} id={item.id} version={item.version} revisionId={rev.id} revisionVersion={rev.entityVersion} flash={flash} />
    </main>
  );
}
