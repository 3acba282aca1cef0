// CMS page reads of any content type: uncached, at request time (./db.ts).
import 'server-only';
import type { AnyContentType } from './content-type';
import { cmsDb } from './db';
import { findItem, type AnyItem } from './items';
import { countItems, listPage, type ListQuery, type ListResult } from './lists';

export async function getItemForCms(type: AnyContentType, id: string): Promise<AnyItem | undefined> {
  return findItem(await cmsDb(), type, id);
}

export async function listItemsForCms(type: AnyContentType, query: ListQuery): Promise<AnyItem[]> {
  return (await listPage(await cmsDb(), type, query)).rows;
}

export interface ListPageData extends ListResult {
  total: number;
  /** The cursor could not be used (a key PostgreSQL refused); the first page is shown. */
  cursorRefused: boolean;
  facetOptions: Record<string, { value: string; label: string }[]>;
}

/** One page of the list page, its total, and the choices of its facets. */
export async function listPageForCms(type: AnyContentType, query: ListQuery): Promise<ListPageData> {
  const db = await cmsDb();
  const now = new Date();
  let page: ListResult;
  let cursorRefused = false;
  try {
    page = await listPage(db, type, query, now);
  } catch (err) {
    // list-params.ts checks a cursor's form; what only PostgreSQL knows (a 30 February) ends here.
    if (!query.after && !query.before) throw err;
    cursorRefused = true;
    page = await listPage(db, type, { ...query, after: undefined, before: undefined }, now);
  }
  const total = await countItems(db, type, query, now);
  const facetOptions = Object.fromEntries(await Promise.all((type.list.facets ?? []).map(async (f) => [f.name, await f.options(db)] as const)));
  return { ...page, total, cursorRefused, facetOptions };
}
