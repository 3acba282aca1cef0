// The list's search, filters, sort and page size: one plain GET form, so the whole query lives
// in the URL (bookmarkable, back-button safe) and works without JavaScript. Submitting starts
// again at the first page (no cursor field).
import type { AnyContentType, ListOrder } from '@/lib/cms/content-type';
import { MAX_SEARCH_CHARS, PAGE_SIZES } from '@/lib/cms/list-params';
import { PUBLICATION_STATUSES } from '@/lib/cms/publication';

interface Props {
  type: AnyContentType;
  params: Record<string, string>;
  sorts: { name: string; label: string }[];
  sort: ListOrder;
  size: number;
  facetOptions: Record<string, { value: string; label: string }[]>;
}

export function SearchForm({ type, params, sorts, sort, size, facetOptions }: Props) {
  const base = `/cms/${type.segment}`;
  return (
    <form method="get" action={base} role="search" aria-label={`Search ${type.labels.plural}`} className="list-search">
      <label className="list-search-q">
        Search title and text
        <input type="search" name="q" defaultValue={params.q ?? ''} maxLength={MAX_SEARCH_CHARS} placeholder='words, "a phrase", -without' />
      </label>
      <label>
        Status
        <select name="status" defaultValue={params.status ?? ''}>
          <option value="">any</option>
          {PUBLICATION_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      {type.list.filters && (
        <label>
          Show
          <select name="show" defaultValue={params.show ?? ''}>
            <option value="">all</option>
            {type.list.filters.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
          </select>
        </label>
      )}
      {type.list.facets?.map((f) => (
        <label key={f.name}>
          {f.label}
          <select name={f.name} defaultValue={params[f.name] ?? ''}>
            <option value="">any</option>
            {(facetOptions[f.name] ?? []).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
      ))}
      <label>
        Sort by
        <select name="sort" defaultValue={sort.by}>
          {sorts.map((s) => <option key={s.name} value={s.name}>{s.label}</option>)}
        </select>
      </label>
      <label>
        Order
        <select name="dir" defaultValue={sort.dir}>
          <option value="desc">descending</option>
          <option value="asc">ascending</option>
        </select>
      </label>
      <label>
        Per page
        <select name="size" defaultValue={String(size)}>
          {PAGE_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <div className="actions">
        <button type="submit">Search</button>
        <a href={base}>Clear</a>
      </div>
    </form>
  );
}
