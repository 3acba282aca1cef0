import type { Metadata } from 'next';
import { listPostsForCms, type PostStatus } from '@/lib/cms/posts';

export const metadata: Metadata = { title: 'Posts' };
const STATUSES: PostStatus[] = ['draft', 'scheduled', 'published'];

export default async function PostsPage({ searchParams }: { searchParams: Promise<{ status?: string; deleted?: string }> }) {
  const { status: raw, deleted } = await searchParams;
  const status = STATUSES.find((s) => s === raw);
  const rows = await listPostsForCms(status, 200);
  return (
    <main>
      <h1>Posts</h1>
      {deleted && <p className="notice notice-ok" role="status">Deleted. Its URLs now answer 410 Gone.</p>}
      <p>
        <a className="button" href="/cms/posts/new">New post</a>
      </p>
      <nav aria-label="Filter by status" className="filters">
        <a href="/cms/posts" aria-current={!status ? 'page' : undefined}>All</a>
        {STATUSES.map((s) => (
          <a key={s} href={`/cms/posts?status=${s}`} aria-current={status === s ? 'page' : undefined}>
            {s}
          </a>
        ))}
      </nav>
      <table className="cms-table">
        <thead>
          <tr><th>Title</th><th>Status</th><th>Author</th><th>Updated (UTC)</th></tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td><a href={`/cms/posts/${p.id}`}>{p.title}</a><div className="meta">/{p.slug}</div></td>
              <td><span className={`badge badge-${p.status}`}>{p.status}</span></td>
              <td>{p.author}</td>
              <td>{p.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
