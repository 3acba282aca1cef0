// The CMS dashboard: for every registered content type (lib/cms/registry.ts), its newest drafts,
// what is scheduled and what was published last, from the descriptions alone.
import { publicationOf, type AnyContentType } from '@/lib/cms/content-type';
import { PUBLICATION_STATUSES, type PublicationStatus } from '@/lib/cms/publication';
import { listItemsForCms } from '@/lib/cms/reads';
import { editorClock } from '@/lib/cms/editor-clock';
import { contentTypes } from '@/lib/cms/registry';

/** Items per type and status. */
const RECENT = 5;

const SECTIONS: Record<PublicationStatus, { title: string; empty: string }> = {
  draft: { title: 'Drafts', empty: 'No drafts.' },
  scheduled: { title: 'Scheduled', empty: 'Nothing scheduled.' },
  published: { title: 'Recently published', empty: 'Nothing published yet.' },
};

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const { denied } = await searchParams;
  const types = contentTypes();
  const recent = await Promise.all(
    types.map(async (type) => ({ type, lists: await Promise.all(PUBLICATION_STATUSES.map(async (status) => ({ status, rows: await listItemsForCms(type, { status, limit: RECENT }) }))) })),
  );
  const clock = await editorClock();
  const when = (type: AnyContentType, row: (typeof recent)[number]['lists'][number]['rows'][number]) =>
    clock.stamp(publicationOf(type, row).publishedAt ?? row.updatedAt);
  return (
    <main>
      <h1>Dashboard</h1>
      {denied && <p className="notice notice-denied" role="status">That page is for admins.</p>}
      <p>
        {types.map((t, i) => (
          <span key={t.name}>
            {i > 0 && ' · '}
            <a className={i === 0 ? 'button' : undefined} href={`/cms/${t.segment}/new`}>New {t.labels.singular}</a>
          </span>
        ))}
      </p>
      {recent.map(({ type, lists }) => (
        <section key={type.name} aria-labelledby={`recent-${type.name}`}>
          <h2 id={`recent-${type.name}`}>
            <a href={`/cms/${type.segment}`}>{type.labels.title}</a>
          </h2>
          {lists.map(({ status, rows }) => (
            <div key={status}>
              <h3>{SECTIONS[status].title}</h3>
              {rows.length === 0 ? (
                <p className="meta">{SECTIONS[status].empty}</p>
              ) : (
                <ul>
                  {rows.map((row) => (
                    <li key={row.id}>
                      <a href={`/cms/${type.segment}/${row.id}`}>{row.title}</a> <span className="meta">{when(type, row)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </section>
      ))}
    </main>
  );
}
