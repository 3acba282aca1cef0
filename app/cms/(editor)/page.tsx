import { publicationOf } from '@/lib/cms/content-type';
import { PUBLICATION_STATUSES } from '@/lib/cms/publication';
import { postType } from '@/lib/cms/types/post';
import { listItemsForCms } from '@/lib/cms/reads';
import { editorClock } from '@/lib/cms/editor-clock';
import { contentTypes } from '@/lib/cms/registry';

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const { denied } = await searchParams;
  const [drafts, scheduled, published] = await Promise.all(
    PUBLICATION_STATUSES.map((status) => listItemsForCms(postType, { status, limit: 10 })),
  );
  const clock = await editorClock();
  const section = (title: string, rows: NonNullable<typeof drafts>, empty: string) => (
    <section>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="meta">{empty}</p>
      ) : (
        <ul>
          {rows.map((p) => (
            <li key={p.id}>
              <a href={`/cms/posts/${p.id}`}>{p.title}</a>{' '}
              <span className="meta">{clock.stamp(publicationOf(postType, p).publishedAt ?? p.updatedAt)}</span>
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
        {contentTypes().map((t, i) => (
          <span key={t.name}>
            {i > 0 && ' · '}
            <a className={i === 0 ? 'button' : undefined} href={`/cms/${t.segment}/new`}>New {t.labels.singular}</a>
          </span>
        ))}
      </p>
      {section('Drafts', drafts ?? [], 'No drafts.')}
      {section('Scheduled', scheduled ?? [], 'Nothing scheduled.')}
      {section('Recently published', published ?? [], 'Nothing published yet.')}
    </main>
  );
}
