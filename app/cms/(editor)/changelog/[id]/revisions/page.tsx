import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getChangelogForCms } from '@/lib/cms/changelog';
import { listRevisions } from '@/lib/cms/posts';

export const metadata: Metadata = { title: 'Revisions' };

export default async function ChangelogRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const entry = await getChangelogForCms(id.data);
  if (!entry) notFound();
  const revs = await listRevisions('changelog', entry.id);
  return (
    <main>
      <h1>Revisions of “{entry.title}”</h1>
      <p><a href={`/cms/changelog/${entry.id}`}>Back to editing</a> (current version {entry.version})</p>
      <table className="cms-table">
        <thead><tr><th>Version</th><th>Saved (UTC)</th><th>By</th><th>Note</th><th></th></tr></thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.id}>
              <td>{r.entityVersion}</td>
              <td>{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td>{r.editorName}</td>
              <td>{r.note}</td>
              <td><a href={`/cms/changelog/${entry.id}/revisions/${r.id}`}>View and compare</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
