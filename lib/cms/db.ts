// The database for CMS reads in pages. Reads happen at request time only: Next renders a page
// and its layout concurrently, and a read that starts before any request API would run while
// Next may still be prerendering (it then flags the drivers' clock reads).
import 'server-only';
import { connection } from 'next/server';
import { getDb, type Db } from '@/db/client';

export async function cmsDb(): Promise<Db> {
  await connection();
  return getDb();
}
