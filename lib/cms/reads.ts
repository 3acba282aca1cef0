// CMS page reads of any content type: uncached, at request time (./db.ts).
import 'server-only';
import type { AnyContentType } from './content-type';
import { cmsDb } from './db';
import { findItem, listItems, type AnyItem, type ListQuery } from './items';

export async function getItemForCms(type: AnyContentType, id: string): Promise<AnyItem | undefined> {
  return findItem(await cmsDb(), type, id);
}

export async function listItemsForCms(type: AnyContentType, query: ListQuery): Promise<AnyItem[]> {
  return listItems(await cmsDb(), type, query);
}
