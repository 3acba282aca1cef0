// The CMS list of any content type (SPEC §10: lists search, filter, sort and page through ten
// thousand items): full-text search on the type's generated tsvector (websearch_to_tsquery, the
// same SQL on PGlite, pg and Neon), filters by publication status, the type's own views and its
// facets (a post's tag, author), a sort, and keyset pagination. Keyset, not OFFSET: a page costs
// the same at item 9,950 as at item 1, and an edit between two pages cannot shift rows into or
// out of the next one. Built once from the description (lib/cms/content-type.ts `list`).
import 'server-only';
import { and, asc, count, desc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { revisions, stagedEdits } from '@/db/schema';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { AnyContentType, ListOrder, ListSort } from './content-type';
import type { AnyItem } from './items';
import type { PublicationStatus } from './publication';

export interface Cursor {
  /** The sort key as text (keyText: exact, and the same whatever the session's settings; cast back to its type to compare). */
  key: string;
  id: string;
}

export interface ListQuery {
  status?: PublicationStatus;
  /** The name of one of the type's own filters (e.g. upcoming events). */
  filter?: string;
  /** Full-text search, as typed (websearch syntax: "quoted phrase", or, -not). */
  q?: string;
  /** Facet name → a value its `parse` accepted. */
  facets?: Record<string, string>;
  /** Default: the filter's sort, else the type's; by relevance when searching. */
  sort?: ListOrder;
  /** Rows after this one (the next page) or before it (the previous page). */
  after?: Cursor;
  before?: Cursor;
  limit: number;
}

/** A listed item: its columns (not the search vector), the list's `with` values, its cursor. */
/**
 * A listed row. `headVersion` is the version a form of this item must carry (./item-rows.ts
 * headVersion: staged edits are revisions above the row's version), so a bulk action from the
 * list is checked like the item's own form; `staged` says the item has unpublished changes.
 */
export type ListItem = AnyItem & { cursor: Cursor; headVersion: number; staged: boolean };

export interface ListResult {
  rows: ListItem[];
  /** Whether rows exist beyond this page, in each direction (as far as this read can tell). */
  hasNext: boolean;
  hasPrev: boolean;
  sort: ListOrder;
}

/** The type's full-text vector: its indexed column, else its title's, computed per row. */
const searchOf = (type: AnyContentType): SQL | PgColumn => type.list.search ?? sql`to_tsvector('english', ${type.table.title})`;

/** The sorts of a type: the four every type has, its own, and relevance while searching. */
export function sortsOf(type: AnyContentType, tsquery?: SQL): ListSort[] {
  const t = type.table;
  return [
    ...(tsquery ? [{ name: 'relevance', label: 'Relevance', key: sql`ts_rank(${searchOf(type)}, ${tsquery})`, type: 'real' as const }] : []),
    { name: 'updated', label: 'Last updated', key: t.updatedAt, type: 'timestamptz' },
    { name: 'created', label: 'Created', key: t.createdAt, type: 'timestamptz' },
    { name: 'title', label: 'Title', key: t.title, type: 'text' },
    // Drafts have no publication time: they sort as the earliest, so keys are never NULL.
    { name: 'published', label: 'Publication time', key: sql`coalesce(${type.publication.publishedAt}, '-infinity'::timestamptz)`, type: 'timestamptz' },
    ...(type.list.sorts ?? []),
  ];
}

/**
 * The cursor's text of a sort key, in one form whatever the session prints: a timestamp's
 * `::text` follows DateStyle and TimeZone ("01/12/2026 06:50:36.123456 EST" under 'SQL, DMY' in
 * New York), which the cursor's check (./list-params.ts KEY_FORMS) refuses and another session
 * could read back differently; a real's follows extra_float_digits (rounded below 1). So
 * timestamps are written in UTC ISO form with all six fractional digits (the infinities print
 * alike in every style), and reals through float8, whose 15 or more digits read back as the
 * same real.
 */
function keyText(sort: ListSort): SQL {
  switch (sort.type) {
    case 'timestamptz':
      return sql`case when isfinite(${sort.key}) then to_char(${sort.key} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' else (${sort.key})::text end`;
    case 'real':
      return sql`(${sort.key})::float8::text`;
    case 'text':
      return sql`(${sort.key})::text`;
  }
}

/** The order a query gets when it names none (or one this type has not). */
export function defaultSort(type: AnyContentType, query: Pick<ListQuery, 'filter' | 'q'>): ListOrder {
  if (query.q) return { by: 'relevance', dir: 'desc' };
  return type.list.filters?.find((f) => f.name === query.filter)?.sort ?? type.list.sort ?? { by: 'updated', dir: 'desc' };
}

/** The query as SQL: websearch syntax never fails to parse, whatever the editor typed. */
export const tsqueryOf = (q: string): SQL => sql`websearch_to_tsquery('english', ${q})`;

/** Every condition but the cursor's: what the list shows, across all its pages. */
export function listWhere(type: AnyContentType, query: ListQuery, now: Date): SQL | undefined {
  const t = type.table;
  const filter = type.list.filters?.find((f) => f.name === query.filter);
  const facets = (type.list.facets ?? []).flatMap((f) => {
    const value = query.facets?.[f.name];
    return value === undefined ? [] : [f.where(value)];
  });
  return and(
    isNull(t.deletedAt),
    query.status ? eq(type.publication.status, query.status) : undefined,
    filter?.where(now),
    query.q ? sql`${searchOf(type)} @@ ${tsqueryOf(query.q)}` : undefined,
    ...facets,
  );
}

/** One page of the list, and whether there is more on either side. */
export async function listPage(db: Db, type: AnyContentType, query: ListQuery, now = new Date()): Promise<ListResult> {
  const t = type.table;
  const tsquery = query.q ? tsqueryOf(query.q) : undefined;
  const sorts = sortsOf(type, tsquery);
  const wanted = query.sort ?? defaultSort(type, query);
  const sort = sorts.find((s) => s.name === wanted.by) ?? sorts.find((s) => s.name === defaultSort(type, query).by) ?? sorts[0]!;
  const dir = wanted.dir;
  const cursor = query.before ?? query.after;
  // Walking back reads the rows before the cursor in reverse order, then turns them round.
  const backwards = query.before !== undefined;
  const ascending = (dir === 'asc') !== backwards;
  const seek = cursor
    ? sql`(${sort.key}, ${t.id}) ${sql.raw(ascending ? '>' : '<')} (cast(${cursor.key} as ${sql.raw(sort.type)}), cast(${cursor.id} as uuid))`
    : undefined;
  // Every column but the search vector (large, and of no use to the page).
  const { search: _search, ...columns } = getTableColumns(t);
  const rows = (await db
    .select({
      ...columns,
      ...type.list.with,
      cursorKey: keyText(sort).mapWith(String),
      headVersion: sql<number>`greatest(${t.version}, coalesce((select max(${revisions.entityVersion}) from ${revisions} where ${revisions.entityType} = ${type.name} and ${revisions.entityId} = ${t.id}), 0))::int`,
      staged: sql<boolean>`exists (select 1 from ${stagedEdits} where ${stagedEdits.entityType} = ${type.name} and ${stagedEdits.entityId} = ${t.id})`,
    })
    .from(t)
    .where(and(listWhere(type, query, now), seek))
    .orderBy(...(ascending ? [asc(sort.key), asc(t.id)] : [desc(sort.key), desc(t.id)]))
    // One more than shown tells whether another page follows.
    .limit(query.limit + 1)) as (AnyItem & { cursorKey: string })[];
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map(({ cursorKey, ...row }) => ({ ...row, cursor: { key: cursorKey, id: row.id } }) as ListItem);
  if (backwards) page.reverse();
  return {
    rows: page,
    hasNext: backwards ? true : more,
    hasPrev: backwards ? more : query.after !== undefined,
    sort: { by: sort.name, dir },
  };
}

/** Counting stops here: past it the page says "more than 1,000" (an exact count of 10,000 rows costs a scan of them all). */
export const COUNT_CAP = 1000;

/** How many items the list holds across its pages (the same conditions, no cursor), up to COUNT_CAP + 1. */
export async function countItems(db: Db, type: AnyContentType, query: ListQuery, now = new Date()): Promise<number> {
  const t = type.table;
  const capped = db.select({ one: sql`1` }).from(t).where(listWhere(type, query, now)).limit(COUNT_CAP + 1).as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  return row?.n ?? 0;
}
