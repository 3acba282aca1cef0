// The list page of any content type (lib/cms/lists.ts): search, filters, sort and keyset pages,
// all in the URL; bulk actions on the selected rows after one confirmation ([type]/bulk).
import type { Metadata } from 'next';
import { bulkFlashForm } from '@/lib/cms/bulk';
import { editorClock } from '@/lib/cms/editor-clock';
import { takeFlash } from '@/lib/cms/flash';
import { encodeCursor, listHref, parseListParams, type SearchParams } from '@/lib/cms/list-params';
import { COUNT_CAP, sortsOf, tsqueryOf } from '@/lib/cms/lists';
import { listPageForCms } from '@/lib/cms/reads';
import { ListTable } from './list/list-table';
import { Pager } from './list/pager';
import { SearchForm } from './list/search-form';
import { typeFrom } from './type-param';
import './list/list.css';

export async function generateMetadata({ params }: { params: Promise<{ type: string }> }): Promise<Metadata> {
  return { title: (await typeFrom(params)).labels.title };
}

export default async function ListPage({ params, searchParams }: { params: Promise<{ type: string }>; searchParams: Promise<SearchParams> }) {
  const type = await typeFrom(params);
  const raw = await searchParams;
  const { query, params: listParams, notices } = parseListParams(type, raw);
  const [page, clock, report] = [await listPageForCms(type, query), await editorClock(), await takeFlash(bulkFlashForm(type.name))];
  if (page.cursorRefused) notices.push('That page link no longer fits this list; here is its first page.');
  const deleted = typeof raw.deleted === 'string' ? raw.deleted : undefined;
  const here = listHref(type, listParams, { after: typeof raw.after === 'string' ? raw.after : undefined, before: typeof raw.before === 'string' ? raw.before : undefined });
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const prev = page.hasPrev && first ? listHref(type, listParams, { before: encodeCursor(page.sort, first.cursor) }) : undefined;
  const next = page.hasNext && last ? listHref(type, listParams, { after: encodeCursor(page.sort, last.cursor) }) : undefined;
  const { plural, singular } = type.labels;
  return (
    <main>
      <h1>{type.labels.title}</h1>
      {deleted && <p className="notice notice-ok" role="status">Deleted: {type.messages.deleteEffect(deleted === 'public')}.</p>}
      {report?.message && <p className={`notice notice-${report.status}`} role={report.status === 'ok' ? 'status' : 'alert'}>{report.message}</p>}
      {notices.map((n) => <p key={n} className="notice" role="status">{n}</p>)}
      <p>
        <a className="button" href={`/cms/${type.segment}/new`}>New {singular}</a>
      </p>
      <SearchForm
        type={type}
        params={listParams}
        sorts={sortsOf(type, query.q ? tsqueryOf(query.q) : undefined)}
        sort={page.sort}
        size={query.limit}
        facetOptions={page.facetOptions}
      />
      <p className="list-summary meta" role="status">
        {page.total === 0
          ? `No ${plural}${query.q ? ` match “${query.q}”` : ''}${Object.keys(listParams).some((k) => k !== 'sort' && k !== 'dir' && k !== 'size' && k !== 'q') ? ' with these filters' : ''}.`
          : `${page.total > COUNT_CAP ? `More than ${COUNT_CAP.toLocaleString('en')}` : page.total} ${page.total === 1 ? singular : plural}${query.q ? ` match “${query.q}”` : ''}; showing ${page.rows.length}.`}
      </p>
      {page.rows.length > 0 && <ListTable type={type} rows={page.rows} clock={clock} back={here} />}
      <Pager prev={prev} next={next} label={plural} />
    </main>
  );
}
