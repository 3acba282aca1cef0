import type { Metadata } from 'next';
import { listChangelogForCms, type ChangelogStatus } from '@/lib/cms/changelog';

export const metadata: Metadata = { title: 'Changelog' };
const STATUSES: ChangelogStatus[] = ['draft', 'scheduled', 'published'];

export default async function ChangelogListPage({ searchParams }: { searchParams: Promise<{ status?: string; deleted?: string }> }) {
  const { status: raw, deleted } = await searchParams;
  const status = STATUSES.find((s) => s === raw);
  const rows = await listChangelogForCms(status, 200);
  return (
    <main>
      <h1>Changelog</h1>
      {deleted && <p className="notice notice-ok" role="status">Deleted. It no longer appears on the changelog page or in its feeds.</p>}
      <p>
        <a className="button" href="/cms/changelog/new">New changelog entry</a>
      </p>
      <nav aria-label="Filter by status" className="filters">
        <a href="/cms/changelog" aria-current={!status ? 'page' : undefined}>All</a>
        {STATUSES.map((s) => (
          <a key={s} href={`/cms/changelog?status=${s}`} aria-current={status === s ? 'page' : undefined}>
            {s}
          </a>
        ))}
      </nav>
      <table className="cms-table">
        <thead>
          <tr><th>Title</th><th>Category</th><th>Version</th><th>Status</th><th>Updated (UTC)</th></tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td><a href={`/cms/changelog/${e.id}`}>{e.title}</a></td>
              <td><span className={`badge badge-${e.category}`}>{e.category}</span></td>
              <td>{e.productVersion ?? '—'}</td>
              <td>
                <span className={`badge badge-${e.status}`}>{e.status}</span>
                {e.status === 'scheduled' && e.publishedAt && <div className="meta">{e.publishedAt.toISOString().slice(0, 16).replace('T', ' ')}</div>}
              </td>
              <td>{e.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="meta">No entries{status ? ` with status ${status}` : ''}.</p>}
    </main>
  );
}
