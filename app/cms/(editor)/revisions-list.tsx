// The revisions of one post, changelog entry or event: the same table for all three.
import { listRevisions } from '@/lib/cms/revisions';

export async function RevisionsList({ entity, item, base }: { entity: 'post' | 'changelog' | 'event'; item: { id: string; title: string; version: number }; base: string }) {
  const revs = await listRevisions(entity, item.id);
  return (
    <main>
      <h1>Revisions of “{item.title}”</h1>
      <p><a href={`${base}/${item.id}`}>Back to editing</a> (current version {item.version})</p>
      <table className="cms-table">
        <thead><tr><th>Version</th><th>Saved (UTC)</th><th>By</th><th>Note</th><th></th></tr></thead>
        <tbody>
          {revs.map((r) => (
            <tr key={r.id}>
              <td>{r.entityVersion}</td>
              <td>{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td>{r.editorName}</td>
              <td>{r.note}</td>
              <td><a href={`${base}/${item.id}/revisions/${r.id}`}>View and compare</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
