import { listPostsForCms } from '@/lib/cms/posts';

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const { denied } = await searchParams;
  const [drafts, scheduled, published] = await Promise.all([listPostsForCms('draft', 10), listPostsForCms('scheduled', 10), listPostsForCms('published', 10)]);
  const section = (title: string, rows: typeof drafts, empty: string) => (
    <section>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="meta">{empty}</p>
      ) : (
        <ul>
          {rows.map((p) => (
            <li key={p.id}>
              <a href={`/cms/posts/${p.id}`}>{p.title}</a>{' '}
              <span className="meta">{(p.publishedAt ?? p.updatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <main>
      <h1>Dashboard</h1>
      {denied && <p className="notice notice-denied" role="status">That page is for admins.</p>}
      <p>
        <a className="button" href="/cms/posts/new">New post</a> <a href="/cms/changelog/new">New changelog entry</a> · <a href="/cms/events/new">New event</a>
      </p>
      {section('Drafts', drafts, 'No drafts.')}
      {section('Scheduled', scheduled, 'Nothing scheduled.')}
      {section('Recently published', published, 'Nothing published yet.')}
    </main>
  );
}
