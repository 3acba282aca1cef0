// The revisions of one item of any content type.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getItemForCms } from '@/lib/cms/reads';
import { listRevisions } from '@/lib/cms/revisions';
import { editorClock } from '@/lib/cms/editor-clock';
import { typeFrom } from '../../type-param';

export const metadata: Metadata = { title: 'Revisions' };

export default async function RevisionsPage({ params }: { params: Promise<{ type: string; id: string }> }) {
  const type = await typeFrom(params);
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getItemForCms(type, id.data);
  if (!item) notFound();
  const revs = await listRevisions(type.name, item.id);
  const clock = await editorClock();
  const base = `/cms/${type.segment}/${item.id}`;
  return (
    <main>
      <h1>Revisions of “{item.title}”</h1>
      <p><a href={base}>Back to editing</a> (current version {item.version})</p>
      <table className="cms-table">
        <thead><tr><th>Version</th><th>Saved ({clock.label})</th><th>By</th><th>Note</th><th></th></tr></thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.id}>
              <td>{r.entityVersion}</td>
              <td>{clock.format(r.createdAt, { seconds: true })}</td>
              <td>{r.editorName}</td>
              <td>{r.note}</td>
              <td><a href={`${base}/revisions/${r.id}`}>View and compare</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
