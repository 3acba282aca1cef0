import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getPostForCms, listRevisions } from '@/lib/cms/posts';

export const metadata: Metadata = { title: 'Revisions' };

export default async function RevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const post = await getPostForCms(id.data);
  if (!post) notFound();
  const revs = await listRevisions('post', post.id);
  return (
    <main>
      <h1>Revisions of “{post.title}”</h1>
      <p><a href={`/cms/posts/${post.id}`}>Back to editing</a> (current version {post.version})</p>
      <table className="cms-table">
        <thead><tr><th>Version</th><th>Saved (UTC)</th><th>By</th><th>Note</th><th></th></tr></thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.id}>
              <td>{r.entityVersion}</td>
              <td>{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td>{r.editorName}</td>
              <td>{r.note}</td>
              <td><a href={`/cms/posts/${post.id}/revisions/${r.id}`}>View and compare</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
