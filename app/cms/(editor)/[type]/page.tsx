// The list page of any content type: by publication status or the type's own filters.
import type { Metadata } from 'next';
import { publicationOf } from '@/lib/cms/content-type';
import { PUBLICATION_STATUSES } from '@/lib/cms/publication';
import { listItemsForCms } from '@/lib/cms/reads';
import { editorClock } from '@/lib/cms/editor-clock';
import { typeFrom } from './type-param';

export async function generateMetadata({ params }: { params: Promise<{ type: string }> }): Promise<Metadata> {
  return { title: (await typeFrom(params)).labels.title };
}

export default async function ListPage({ params, searchParams }: { params: Promise<{ type: string }>; searchParams: Promise<{ status?: string; show?: string; deleted?: string }> }) {
  const type = await typeFrom(params);
  const { status: rawStatus, show, deleted } = await searchParams;
  const status = PUBLICATION_STATUSES.find((s) => s === rawStatus);
  const filter = type.list.filters?.find((f) => f.name === show);
  const rows = await listItemsForCms(type, { status, filter: filter?.name, limit: 200 });
  const clock = await editorClock();
  const base = `/cms/${type.segment}`;
  const effect = deleted ? type.messages.deleteEffect(deleted === 'public') : '';
  return (
    <main>
      <h1>{type.labels.title}</h1>
      {deleted && <p className="notice notice-ok" role="status">Deleted: {effect}.</p>}
      <p>
        <a className="button" href={`${base}/new`}>New {type.labels.singular}</a>
      </p>
      <nav aria-label={`Filter ${type.labels.plural}`} className="filters">
        <a href={base} aria-current={!status && !filter ? 'page' : undefined}>All</a>
        {PUBLICATION_STATUSES.map((s) => (
          <a key={s} href={`${base}?status=${s}`} aria-current={status === s ? 'page' : undefined}>{s}</a>
        ))}
        {type.list.filters?.map((f) => (
          <a key={f.name} href={`${base}?show=${f.name}`} aria-current={filter === f ? 'page' : undefined}>{f.label}</a>
        ))}
      </nav>
      <table className="cms-table">
        <thead>
          <tr>
            <th>Title</th>
            {type.list.columns.map((c) => <th key={c.label}>{c.label}</th>)}
            <th>Status</th>
            <th>Updated ({clock.label})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const publication = publicationOf(type, row);
            return (
              <tr key={row.id}>
                <td>
                  <a href={`${base}/${row.id}`}>{row.title}</a>
                  {type.list.subtitle && <div className="meta">{type.list.subtitle(row)}</div>}
                </td>
                {type.list.columns.map((c) => {
                  const cell = c.cell(row);
                  return (
                    <td key={c.label}>
                      {cell.badge ? <span className={`badge badge-${cell.badge}`}>{cell.text}</span> : cell.text}
                      {cell.meta && <div className="meta">{cell.meta}</div>}
                    </td>
                  );
                })}
                <td>
                  <span className={`badge badge-${publication.status}`}>{publication.status}</span>
                  {publication.status === 'scheduled' && publication.publishedAt && <div className="meta">{clock.format(publication.publishedAt)}</div>}
                </td>
                <td>{clock.format(row.updatedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && <p className="meta">No {type.labels.plural}{status ? ` with status ${status}` : filter ? ` (${filter.label})` : ''}.</p>}
    </main>
  );
}
