// A prepared embedded database (migrated + demo content) that tests copy instead of running
// initdb per file: PGlite's first open costs 3–13 s and ~0.9 GB; a copy opens in under 1 s.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, setProcessDatabase, closeProcessDatabase } from '@/db/client';
import { createAccount } from '@/lib/auth/accounts';
import { getAuth } from '@/lib/auth/auth';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoContent } from '@/db/seed';
import { seedImagesInto } from '@/lib/media/seed-images';
import { mediaFiles } from '@/db/schema';
import type { Db } from '@/db/client';
import { MEDIA_FORMATS, isMediaFormat } from '@/lib/media/formats';
import { FolderStore } from '@/lib/media/folder-store';
import type { MediaStore } from '@/lib/media/store';

const root = path.resolve(import.meta.dirname, '..', '..');

export const TEST_AUTH_SECRET = 'test-secret-for-gazette-tests-only-0123456789';
/** Accounts every test database has. */
export const TEST_ACCOUNTS = {
  admin: { email: 'admin@test.gazette', password: 'admin-password-123', name: 'Ada Admin', role: 'admin' as const },
  editor: { email: 'editor@test.gazette', password: 'editor-password-123', name: 'Eddie Editor', role: 'editor' as const },
  other: { email: 'other@test.gazette', password: 'other-password-123', name: 'Olga Other', role: 'editor' as const },
};

function templateKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['db/migrations', 'db/seed']) {
    const full = path.join(root, dir);
    for (const name of fs.readdirSync(full, { recursive: true }).map(String).sort()) {
      const file = path.join(full, name);
      if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file));
    }
  }
  hash.update(fs.readFileSync(path.join(root, 'db/schema.ts')));
  hash.update(JSON.stringify(TEST_ACCOUNTS));
  return hash.digest('hex').slice(0, 16);
}

/** The template: {dir}/db (the database) and {dir}/media (its media folder, as the server finds it beside db). */
export function templateDir(): string {
  return path.join(root, '.data', 'test-template', templateKey());
}

/** Create the template once (idempotent; safe if two runs race: last rename wins whole). */
export async function ensureTemplate(): Promise<string> {
  const dir = templateDir();
  if (fs.existsSync(path.join(dir, 'db', 'PG_VERSION'))) return dir;
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-template-'));
  const handle = await openDatabase({ driver: 'pglite', dataDir: path.join(building, 'db') });
  try {
    await migrateDatabase(handle, path.join(root, 'db', 'migrations'));
    // The demo images go where a server on a copy looks: `media` beside its data dir (lib/config.ts).
    await seedDemoContent(handle.db, seedImagesInto(new FolderStore(path.join(building, 'media')), { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 }));
    process.env.BETTER_AUTH_SECRET ??= TEST_AUTH_SECRET;
    setProcessDatabase(handle);
    const auth = await getAuth();
    for (const a of Object.values(TEST_ACCOUNTS)) await createAccount(auth, handle.db, a);
  } finally {
    await closeProcessDatabase();
  }
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.rmSync(dir, { recursive: true, force: true });
  // Media first: a template counts as built once db/PG_VERSION is there.
  fs.cpSync(path.join(building, 'media'), path.join(dir, 'media'), { recursive: true });
  fs.cpSync(path.join(building, 'db'), path.join(dir, 'db'), { recursive: true });
  fs.rmSync(building, { recursive: true, force: true });
  return dir;
}

/** A private copy of the template for one test file: {base}/db, and its media beside it in {base}/media. */
export function copyTemplate(): { dataDir: string; mediaDir: string; cleanup: () => void } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-test-'));
  fs.cpSync(templateDir(), base, { recursive: true });
  return { dataDir: path.join(base, 'db'), mediaDir: path.join(base, 'media'), cleanup: () => fs.rmSync(base, { recursive: true, force: true }) };
}

/**
 * Put a copy's media files (the demo images) into another store, e.g. a test bucket: a server on
 * the copy with MEDIA_S3_* set reads its media from there, and every file row then has its object.
 */
export async function copyMediaInto(db: Db, mediaDir: string, store: MediaStore): Promise<number> {
  const from = new FolderStore(mediaDir);
  const rows = await db.selectDistinct({ hash: mediaFiles.hash, format: mediaFiles.format }).from(mediaFiles);
  for (const { hash, format } of rows) {
    const stream = await from.read(hash);
    if (!stream) throw new Error(`the template's media folder has no file ${hash}`);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    await store.put(hash, bytes, isMediaFormat(format) ? MEDIA_FORMATS[format].mime : 'application/octet-stream');
  }
  return rows.length;
}
