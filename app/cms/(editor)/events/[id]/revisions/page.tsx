import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getEventForCms } from '@/lib/cms/events';
import { listRevisions } from '@/lib/cms/posts';

export const metadata: Metadata = { title: 'Revisions' };

export default async function EventRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const event = await getEventForCms(id.data);
  if (!event) notFound();
  const revs = await listRevisions('event', event.id);
  return (
    <main>
      <h1>Revisions of “{event.title}”</h1>
      <p><a href={`/cms/events/${event.id}`}>Back to editing</a> (current version {event.version})</p>
      <table className="cms-table">
        <thead><tr><th>Version</th><th>Saved (UTC)</th><th>By</th><th>Note</th><th></th></tr></thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.id}>
              <td>{r.entityVersion}</td>
              <td>{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td>{r.editorName}</td>
              <td>{r.note}</td>
              <td><a href={`/cms/events/${event.id}/revisions/${r.id}`}>View and compare</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
