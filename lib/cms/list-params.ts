// The list page's query string ⇄ a list query (lib/cms/lists.ts). Everything here is typed by
// anyone into a URL, so nothing is trusted: unknown values are dropped, a long search is
// shortened, NUL (which PostgreSQL text refuses) is removed, and a cursor is checked field by
// field before it reaches SQL. Whatever arrives, the page answers 200 with a list.
import 'server-only';
import { z } from 'zod';
import type { AnyContentType, ListOrder, ListSort } from './content-type';
import { defaultSort, sortsOf, tsqueryOf, type Cursor, type ListQuery } from './lists';
import { PUBLICATION_STATUSES } from './publication';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_SEARCH_CHARS = 200;

export type SearchParams = Record<string, string | string[] | undefined>;

/** What the page shows and links with: the query, and the URL parameters that make it. */
export interface ListParams {
  query: ListQuery;
  /** The canonical parameters of the list (no cursor): links and the form keep them. */
  params: Record<string, string>;
  /** Said above the list when something typed was changed or ignored. */
  notices: string[];
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

// A cursor is [sort, direction, key, id], base64url JSON: opaque to editors, readable to us.
const cursorSchema = z.tuple([z.string().max(40), z.enum(['asc', 'desc']), z.string().max(1000), z.uuid()]);
// The key's text as lists.ts writes it (keyText), per type: a malformed key must not reach a cast.
const KEY_FORMS: Record<ListSort['type'], RegExp> = {
  timestamptz: /^(-?infinity|\d{4,6}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/,
  real: /^(-?\d+(\.\d+)?(e[+-]?\d+)?|NaN)$/i,
  // eslint-disable-next-line no-control-regex -- NUL is the one character PostgreSQL text cannot hold
  text: /^[^\u0000]*$/,
};

export function encodeCursor(sort: ListOrder, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([sort.by, sort.dir, cursor.key, cursor.id])).toString('base64url');
}

/** The cursor if it is well formed and belongs to this sort; else undefined (first page). */
export function decodeCursor(raw: string | undefined, sort: ListOrder, sorts: ListSort[]): Cursor | undefined {
  if (!raw || raw.length > 2000) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const c = cursorSchema.safeParse(parsed);
  if (!c.success) return undefined;
  const [by, dir, key, id] = c.data;
  const type = sorts.find((s) => s.name === by)?.type;
  if (by !== sort.by || dir !== sort.dir || !type || !KEY_FORMS[type].test(key)) return undefined;
  return { key, id };
}

// Half of a UTF-16 pair, alone: no UTF-8 encodes it (a driver would send U+FFFD anyway).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A search as typed, made safe to send: well-formed UTF-16, no NUL, bounded. */
export function cleanSearch(raw: string | undefined): { q?: string; shortened: boolean } {
  if (raw === undefined) return { shortened: false };
  const q = raw.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', ' ').trim().replace(/\s+/g, ' ');
  if (q === '') return { shortened: false };
  const chars = [...q];
  return chars.length > MAX_SEARCH_CHARS ? { q: chars.slice(0, MAX_SEARCH_CHARS).join('').trim(), shortened: true } : { q, shortened: false };
}

/** Read the list page's query string. */
export function parseListParams(type: AnyContentType, raw: SearchParams): ListParams {
  const params: Record<string, string> = {};
  const notices: string[] = [];
  const { q, shortened } = cleanSearch(first(raw.q));
  if (q) params.q = q;
  if (shortened) notices.push(`The search was shortened to its first ${MAX_SEARCH_CHARS} characters.`);

  const status = PUBLICATION_STATUSES.find((s) => s === first(raw.status));
  if (status) params.status = status;
  const filter = type.list.filters?.find((f) => f.name === first(raw.show))?.name;
  if (filter) params.show = filter;
  const facets: Record<string, string> = {};
  for (const f of type.list.facets ?? []) {
    const value = first(raw[f.name]);
    const parsed = value === undefined || value === '' ? undefined : f.parse(value);
    if (parsed !== undefined) facets[f.name] = params[f.name] = parsed;
  }

  const sorts = sortsOf(type, q === undefined ? undefined : tsqueryOf(q));
  const fallback = defaultSort(type, { filter, q });
  const by = sorts.find((s) => s.name === first(raw.sort))?.name ?? fallback.by;
  const rawDir = first(raw.dir);
  const dir = rawDir === 'asc' || rawDir === 'desc' ? rawDir : by === fallback.by ? fallback.dir : by === 'title' ? 'asc' : 'desc';
  const sort: ListOrder = { by, dir };
  if (by !== fallback.by || dir !== fallback.dir) Object.assign(params, { sort: by, dir });

  const size = PAGE_SIZES.find((n) => String(n) === first(raw.size)) ?? DEFAULT_PAGE_SIZE;
  if (size !== DEFAULT_PAGE_SIZE) params.size = String(size);

  const before = decodeCursor(first(raw.before), sort, sorts);
  const after = before ? undefined : decodeCursor(first(raw.after), sort, sorts);
  if ((first(raw.before) || first(raw.after)) && !before && !after) notices.push('That page link no longer fits this list; here is its first page.');

  return { query: { q, status, filter, facets, sort, before, after, limit: size }, params, notices };
}

/** The list's URL with these parameters (and a cursor, for another page). */
export function listHref(type: AnyContentType, params: Record<string, string>, page?: { after?: string; before?: string }): string {
  const search = new URLSearchParams(params);
  if (page?.after) search.set('after', page.after);
  if (page?.before) search.set('before', page.before);
  const qs = search.toString();
  return `/cms/${type.segment}${qs ? `?${qs}` : ''}`;
}
