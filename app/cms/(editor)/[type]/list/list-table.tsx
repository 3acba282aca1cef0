// The rows of a list, inside the bulk form: tick rows, press an action, confirm on the next page
// ([type]/bulk). The form is a GET (choosing changes nothing); each checkbox carries the version
// the editor saw, so an item changed by someone else meanwhile is refused, not overwritten.
import { publicationOf, type AnyContentType } from '@/lib/cms/content-type';
import { BULK_INTENTS, BULK_VERB } from '@/lib/cms/bulk';
import type { ListItem } from '@/lib/cms/lists';
import type { Clock } from '@/lib/cms/time';
import { SelectAll } from './select-all';

export function ListTable({ type, rows, clock, back }: { type: AnyContentType; rows: ListItem[]; clock: Clock; back: string }) {
  const base = `/cms/${type.segment}`;
  return (
    <form method="get" action={`${base}/bulk`} aria-label={`Selected ${type.labels.plural}`}>
      <input type="hidden" name="back" value={back} />
      <fieldset className="bulk-bar">
        <legend>With the selected:</legend>
        {BULK_INTENTS.map((intent) => (
          <button key={intent} type="submit" name="intent" value={intent} className={intent === 'delete' ? 'danger' : 'secondary'}>
            {BULK_VERB[intent]}…
          </button>
        ))}
      </fieldset>
      <div className="table-scroll">
        <table className="cms-table">
          <thead>
            <tr>
              <th className="select">
                <span className="visually-hidden">Select</span>
                <SelectAll label={`Select every ${type.labels.singular} on this page`} />
              </th>
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
                  <td className="select">
                    <input type="checkbox" name="item" value={`${row.id}.${row.headVersion}`} aria-label={`Select “${row.title}”`} />
                  </td>
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
                    {row.staged && <div className="meta">unpublished changes</div>}
                    {publication.status !== 'draft' && publication.publishedAt && <div className="meta">{clock.format(publication.publishedAt)}</div>}
                  </td>
                  <td>{clock.format(row.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </form>
  );
}
