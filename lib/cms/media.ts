// The media library as editors use it (SPEC §9): list and search it, read one item with its
// files, describe it (alt text), see who uses it, delete it. A used image is never deleted: a
// post's cover holds it by a foreign key (ON DELETE RESTRICT), and Markdown holds it by URL
// (/media/{hash}/…), which no key guards, so deleting asks every content type first. Uploading is
// the route handler's (app/cms/media/upload/route.ts: browsers post files there, not to actions).
import 'server-only';
import { and, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { media, mediaFiles, posts, stagedEdits, type Media, type MediaFile } from '@/db/schema';
import { cacheTags } from '@/lib/content/cache-tags';
import { mediaFileTag } from '@/lib/media/files';
import { mediaPath, mediaSummary, type MediaSummary } from '@/lib/media/documents';
import { isMediaFormat, type MediaFormat } from '@/lib/media/formats';
import { lockMedia } from '@/lib/media/sweep';
import type { RunResult } from './action';
import { recordUpdates } from './change-log';
import type { ContentTable } from './content-type';
import { line } from './forms';
import { ActionRefusal } from './refusals';
import { contentTypes } from './registry';

/** A library card: what the grid and the picker show. */
export interface LibraryItem extends MediaSummary {
  format: string;
  bytes: number;
  createdAt: string;
}

export interface LibraryPage {
  items: LibraryItem[];
  /** The cursor of the next (older) page, when there is one. */
  next?: string;
}

export const PAGE_SIZE = 24;

// Every column but the search vector (the database's business).
const { search: _search, ...COLUMNS } = getTableColumns(media);

type FileRow = Omit<MediaFile, 'mediaId'>;

const FILES_JSON = sql<FileRow[]>`(select coalesce(json_agg(json_build_object('hash', f.hash, 'format', f.format, 'width', f.width, 'height', f.height, 'bytes', f.bytes, 'original', f.original) order by f.original desc, f.width, f.format), '[]')
  from ${mediaFiles} f where f.media_id = ${media.id})`;

/** Search terms as typed → a prefix tsquery ('harb' finds “harbour”); null when nothing is left. */
function prefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}_]+/gu)?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/**
 * Name and alt text through the generated tsvector (GIN index). The 'simple' parser keeps a file
 * name such as harbour-sunset.jpg as one token, so a word inside a file name is found by ILIKE.
 */
function searchWhere(q: string): SQL | undefined {
  const trimmed = q.trim();
  if (!trimmed) return undefined;
  const escaped = trimmed.replace(/[\\%_]/g, (c) => `\\${c}`);
  const byName = sql`${media.fileName} ilike ${`%${escaped}%`}`;
  const query = prefixQuery(trimmed);
  return query ? or(sql`${media.search} @@ to_tsquery('simple', ${query})`, byName) : byName;
}

/** The cursor: the row's created_at as PostgreSQL prints it (microseconds kept) and its id. */
const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
const cursorSchema = z.tuple([z.string().max(64), z.uuid()]);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
export function decodeCursor(value: string | undefined): { key: string; id: string } | undefined {
  if (!value || value.length > 200) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    // Only what PostgreSQL prints for a timestamptz: anything else would fail the cast (a 500).
    return parsed.success && TIMESTAMP.test(parsed.data[0]) ? { key: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/** Newest first, by keyset (created_at, id): a page costs the same deep in the library. */
export async function listMedia(db: Db, query: { q?: string; after?: string; limit?: number } = {}): Promise<LibraryPage> {
  const limit = Math.min(Math.max(query.limit ?? PAGE_SIZE, 1), 100);
  const after = decodeCursor(query.after);
  const rows = await db
    .select({ ...COLUMNS, key: sql<string>`${media.createdAt}::text`, files: FILES_JSON })
    .from(media)
    .where(and(query.q ? searchWhere(query.q) : undefined, after ? sql`(${media.createdAt}, ${media.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined))
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map(libraryItem);
  const last = rows[limit - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(last.key, last.id) : undefined };
}

function libraryItem(row: Omit<Media, 'search'> & { files: FileRow[] }): LibraryItem {
  return { ...mediaSummary(row), format: row.format, bytes: row.bytes, createdAt: new Date(row.createdAt).toISOString() };
}

export interface MediaDetail extends LibraryItem {
  files: { url: string; format: string; width: number; height: number; bytes: number; original: boolean }[];
  hashes: string[];
}

export async function getMedia(db: Db, id: string): Promise<MediaDetail | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await db.select({ ...COLUMNS, files: FILES_JSON }).from(media).where(eq(media.id, id));
  if (!row) return undefined;
  const files = row.files.filter((f): f is FileRow & { format: MediaFormat } => isMediaFormat(f.format));
  return {
    ...libraryItem(row),
    files: files.map((f) => ({ url: mediaPath(f, row.fileName), format: f.format, width: f.width, height: f.height, bytes: f.bytes, original: f.original })),
    hashes: row.files.map((f) => f.hash),
  };
}

export interface MediaUse {
  /** The content type's singular label (post, changelog entry…). */
  type: string;
  id: string;
  title: string;
  /** The item's CMS page. */
  href: string;
  how: 'cover' | 'body' | 'staged edit';
  deleted: boolean;
}

/**
 * Who uses an item: posts whose cover it is, and every item of every content type (lib/cms/registry.ts)
 * with one of its URLs in a text column (Markdown names a file by /media/{hash}/), or in a staged,
 * not yet published edit. Deleted items count too: restoring one would bring the image back.
 */
export async function mediaUsage(db: Db | Tx, id: string, hashes?: string[]): Promise<MediaUse[]> {
  const keys = hashes ?? (await db.select({ hash: mediaFiles.hash }).from(mediaFiles).where(eq(mediaFiles.mediaId, id))).map((r) => r.hash);
  const uses: MediaUse[] = [];
  const seen = new Set<string>();
  const add = (use: MediaUse) => {
    const k = `${use.type}/${use.id}/${use.how}`;
    if (!seen.has(k)) uses.push(use), seen.add(k);
  };
  const covers = await db.select({ id: posts.id, title: posts.title, deletedAt: posts.deletedAt }).from(posts).where(eq(posts.coverMediaId, id));
  for (const p of covers) add({ type: 'post', id: p.id, title: p.title, href: `/cms/posts/${p.id}`, how: 'cover', deleted: p.deletedAt !== null });
  // Hashes are hex (a CHECK on media_files), so they need no escaping inside a LIKE pattern.
  const patterns = keys.filter((h) => /^[0-9a-f]{64}$/.test(h)).map((h) => `%/media/${h}/%`);
  if (patterns.length === 0) return uses;
  const mentions = (column: SQL | PgColumn) => or(...patterns.map((p) => sql`${column} like ${p}`));
  for (const type of contentTypes()) {
    const columns: PgColumn[] = Object.values(getTableColumns(type.table as ContentTable));
    const textColumns = columns.filter((c) => c.columnType === 'PgText');
    if (textColumns.length === 0) continue;
    const found = await db
      .select({ id: type.table.id, title: type.table.title, deletedAt: type.table.deletedAt })
      .from(type.table)
      .where(or(...textColumns.map((c) => mentions(c))));
    for (const r of found as { id: string; title: string; deletedAt: Date | null }[]) {
      add({ type: type.labels.singular, id: r.id, title: r.title, href: `/cms/${type.segment}/${r.id}`, how: 'body', deleted: r.deletedAt !== null });
    }
    const staged = await db
      .select({ id: type.table.id, title: type.table.title, deletedAt: type.table.deletedAt })
      .from(stagedEdits)
      .innerJoin(type.table, sql`${type.table.id} = ${stagedEdits.entityId}`)
      // A staged edit names a file in its Markdown, or the image itself as its cover (by id).
      .where(and(eq(stagedEdits.entityType, type.name), or(mentions(sql`${stagedEdits.snapshot}::text`), sql`${stagedEdits.snapshot}::text like ${`%"${id}"%`}`)));
    for (const r of staged as { id: string; title: string; deletedAt: Date | null }[]) {
      add({ type: type.labels.singular, id: r.id, title: r.title, href: `/cms/${type.segment}/${r.id}`, how: 'staged edit', deleted: r.deletedAt !== null });
    }
  }
  return uses;
}

const targetMedia = z.uuid('Reload the page: this form does not name an image.');

export const altSchema = z.strictObject({ id: targetMedia, alt: line('The alt text', 1000).default('') });
export const deleteMediaSchema = z.strictObject({ id: targetMedia });

const gone = () => new ActionRefusal('conflict', 'This image no longer exists (deleted meanwhile); go back to the library.');

/** Describe an image. Posts whose cover it is show this text where their own is empty. */
export async function updateAlt(tx: Tx, input: z.output<typeof altSchema>): Promise<RunResult> {
  const [current] = await tx.select({ alt: media.alt }).from(media).where(eq(media.id, input.id)).for('update');
  if (!current) throw gone();
  if (current.alt === input.alt) return { message: 'Nothing changed.', tags: [] };
  await tx.update(media).set({ alt: input.alt, updatedAt: sql`now()` }).where(eq(media.id, input.id));
  // The cover's alt is in those posts' documents, pages and feeds: their Last-Modified moves too.
  const covered = await tx
    .update(posts)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(posts.coverMediaId, input.id), isNull(posts.deletedAt), sql`${posts.coverAlt} = ''`))
    .returning({ id: posts.id, slug: posts.slug });
  const logged = await recordUpdates(tx, 'post', covered.map((p) => p.id));
  return {
    message: input.alt ? 'Saved the alt text.' : 'Removed the alt text: readers of screen readers will hear nothing for this image.',
    tags: covered.length ? [cacheTags.posts, ...covered.map((p) => cacheTags.post(p.slug)), ...logged] : [],
    feedsChanged: covered.length > 0,
  };
}

export function describeUses(uses: MediaUse[]): string {
  const named = uses.slice(0, 5).map((u) => `the ${u.type} “${u.title}” (${u.how}${u.deleted ? ', deleted' : ''})`);
  return named.join('; ') + (uses.length > 5 ? ` and ${uses.length - 5} more` : '');
}

/**
 * Delete an unused image's row (its media_files rows go by cascade). The caller removes the files
 * after the commit (lib/media/sweep.ts removeUnreferenced): files outlive rows, never the reverse.
 */
export async function deleteMedia(tx: Tx, input: z.output<typeof deleteMediaSchema>): Promise<RunResult & { hashes: string[]; fileName: string }> {
  // Under the media lock, so no upload of the same bytes can adopt the row while it goes.
  await lockMedia(tx);
  const [current] = await tx.select({ fileName: media.fileName }).from(media).where(eq(media.id, input.id)).for('update');
  if (!current) throw gone();
  const hashes = (await tx.select({ hash: mediaFiles.hash }).from(mediaFiles).where(eq(mediaFiles.mediaId, input.id))).map((r) => r.hash);
  const uses = await mediaUsage(tx, input.id, hashes);
  if (uses.length) throw new ActionRefusal('conflict', `This image is in use and was not deleted. Remove it from ${describeUses(uses)} first.`);
  await tx.delete(media).where(eq(media.id, input.id));
  return {
    message: `Deleted “${current.fileName}”.`,
    // Its URLs answer 404 at once (the served-file lookups are cached per hash).
    tags: hashes.map(mediaFileTag),
    hashes,
    fileName: current.fileName,
    redirectTo: `/cms/media?deleted=${encodeURIComponent(current.fileName)}`,
  };
}

/** The items these ids name, as the picker and the cover field show them. */
export async function summariesOf(db: Db, ids: string[]): Promise<LibraryItem[]> {
  const valid = ids.filter((id) => z.uuid().safeParse(id).success);
  if (!valid.length) return [];
  const rows = await db.select({ ...COLUMNS, files: FILES_JSON }).from(media).where(inArray(media.id, valid));
  return rows.map(libraryItem);
}
