// Migrations 0005 and 0006 on data: a database built at the migration before 0005 (the journal cut
// there, as drizzle's migrator reads it), posts with free-text bylines and editor accounts put in,
// then the rest applied. Every post must end with the author profile its byline named, one
// profile per distinct name, linked to the account of the same name (the earlier of two), every
// account with a profile, and every slug valid and unique. No server: the embedded database only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { migrateDatabase, MIGRATIONS_FOLDER } from '@/db/migrate';
import { SLUG_RE } from '@/lib/api/posts';

const FIRST_AUTHOR_MIGRATION = '0005_editor_foundations';

/** A migrations folder holding only those before `tag` (the SQL files and a journal cut there). */
function migrationsBefore(tag: string, into: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut < 1) throw new Error(`migration ${tag} is not in the journal`);
  const entries = journal.entries.slice(0, cut);
  fs.mkdirSync(path.join(into, 'meta'), { recursive: true });
  fs.writeFileSync(path.join(into, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(into, `${e.tag}.sql`));
  return into;
}

/** Accounts before the migration: two of the same name (the earlier is linked), one without posts. */
const ACCOUNTS = [
  { id: 'acct-ada', name: 'Ada Lovelace', email: 'ada@example.test', at: '2026-01-01T00:00:00Z' },
  { id: 'acct-ada-2', name: 'Ada Lovelace', email: 'ada2@example.test', at: '2026-02-01T00:00:00Z' },
  { id: 'acct-grace', name: 'Grace Hopper', email: 'grace@example.test', at: '2026-01-02T00:00:00Z' },
];

/** Free-text bylines, one post each; the expected profile name ('' = the unknown author). */
const BYLINES: [byline: string, profileName: string][] = [
  ['Jane Doe', 'Jane Doe'],
  ['Jane Doe', 'Jane Doe'],
  ['  Jane Doe  ', 'Jane Doe'],
  // Another name, though it slugs alike.
  ['jane doe', 'jane doe'],
  ['Ada Lovelace', 'Ada Lovelace'],
  ["José Ñúñez-O'Brien", "José Ñúñez-O'Brien"],
  ['李雷', '李雷'],
  ['🙂', '🙂'],
  ["Robert'); DROP TABLE posts;--", "Robert'); DROP TABLE posts;--"],
  ['A & B <c@d.e> "quoted"', 'A & B <c@d.e> "quoted"'],
  // A byline that reads like the fallback's name, next to posts that had none.
  ['Unknown author', 'Unknown author'],
  ['', ''],
  ['   ', ''],
];

let handle: DbHandle;
let dir: string;
// The result's shape is the driver's (PGlite's here: { rows }).
const q = async <T,>(query: ReturnType<typeof sql>) => ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-author-migration-'));
  handle = await openDatabase({ driver: 'pglite', dataDir: path.join(dir, 'db') });
  await migrateDatabase(handle, migrationsBefore(FIRST_AUTHOR_MIGRATION, path.join(dir, 'migrations')));
  // The schema as it was: posts.author is free text, there is no authors table.
  expect(await q(sql`select 1 from information_schema.tables where table_name = 'authors'`)).toHaveLength(0);
  for (const a of ACCOUNTS) {
    await handle.db.execute(sql`insert into "user" (id, name, email, email_verified, role, created_at, updated_at) values (${a.id}, ${a.name}, ${a.email}, true, 'editor', ${a.at}, ${a.at})`);
  }
  for (const [i, [byline]] of BYLINES.entries()) {
    await handle.db.execute(
      sql`insert into posts (slug, title, body, author, status, published_at) values (${`post-${i}`}, ${`Post ${i}`}, 'Body.', ${byline}, 'published', now())`,
    );
  }
  await migrateDatabase(handle);
}, 180_000);
afterAll(async () => {
  await handle?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Profile {
  id: string;
  slug: string;
  name: string;
  user_id: string | null;
}

const profiles = () => q<Profile>(sql`select id, slug, name, user_id from authors order by slug`);
const postAuthors = () => q<{ slug: string; author_id: string }>(sql`select slug, author_id from posts order by slug`);

describe('migrating free-text bylines to author profiles (0005, 0006)', () => {
  it('gives every post the profile its byline named, one per distinct name', async () => {
    const byId = new Map((await profiles()).map((p) => [p.id, p]));
    const posts = new Map((await postAuthors()).map((p) => [p.slug, byId.get(p.author_id)]));
    expect(posts.size).toBe(BYLINES.length);
    const unknown = posts.get(`post-${BYLINES.findIndex(([b]) => b === '')}`)!;
    expect(unknown).toMatchObject({ name: 'Unknown author', user_id: null });
    expect(unknown.slug).toMatch(/^unknown-author-[0-9a-f]{8}$/);
    for (const [i, [byline, name]] of BYLINES.entries()) {
      const profile = posts.get(`post-${i}`);
      expect(profile, JSON.stringify(byline)).toBeDefined();
      if (name === '') expect(profile!.id, JSON.stringify(byline)).toBe(unknown.id);
      else expect(profile!.name, JSON.stringify(byline)).toBe(name);
    }
    // Same name, same profile (surrounding spaces aside); different names, different profiles.
    const janes = [0, 1, 2].map((i) => posts.get(`post-${i}`)!.id);
    expect(new Set(janes).size).toBe(1);
    expect(posts.get('post-3')!.id).not.toBe(janes[0]);
    // The literal byline "Unknown author" keeps a profile of its own, apart from posts without one.
    expect(posts.get('post-10')!.id).not.toBe(unknown.id);
    const names = [...byId.values()].filter((p) => p.id !== unknown.id).map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("links a byline to the account of the same name (the earlier of two), and gives every other account its own profile", async () => {
    const all = await profiles();
    const ada = all.find((p) => p.name === 'Ada Lovelace');
    expect(ada?.user_id).toBe('acct-ada');
    const [adaPost] = await q<{ author_id: string }>(sql`select author_id from posts where slug = ${`post-${BYLINES.findIndex(([b]) => b === 'Ada Lovelace')}`}`);
    expect(adaPost!.author_id).toBe(ada!.id);
    expect(all.find((p) => p.name === 'Grace Hopper')).toMatchObject({ slug: 'grace-hopper', user_id: 'acct-grace' });
    // One profile per account at most; the second Ada gets hers when she first needs one.
    expect(all.filter((p) => p.user_id === 'acct-ada-2')).toHaveLength(0);
    expect(all.filter((p) => p.user_id !== null).map((p) => p.user_id).sort()).toEqual(['acct-ada', 'acct-grace']);
    expect(all.filter((p) => p.name !== 'Ada Lovelace' && p.name !== 'Grace Hopper').every((p) => p.user_id === null)).toBe(true);
  });

  it('slugs every profile validly and uniquely, readable ones from the name', async () => {
    const all = await profiles();
    for (const p of all) expect(p.slug, p.name).toMatch(SLUG_RE);
    expect(new Set(all.map((p) => p.slug)).size).toBe(all.length);
    const slugOf = (name: string) => all.find((p) => p.name === name)?.slug;
    expect(slugOf('Jane Doe')).toBe('jane-doe');
    expect(slugOf('jane doe')).toMatch(/^jane-doe-[0-9a-f]{6}$/);
    expect(slugOf("Robert'); DROP TABLE posts;--")).toBe('robert-drop-table-posts');
    expect(slugOf('A & B <c@d.e> "quoted"')).toBe('a-b-c-d-e-quoted');
    // Names with no Latin letters or digits share the base "author", told apart by a hash.
    expect([slugOf('李雷'), slugOf('🙂')].sort()).toEqual([expect.stringMatching(/^author(-[0-9a-f]{6})?$/), expect.stringMatching(/^author(-[0-9a-f]{6})?$/)]);
  });

  it('leaves posts with a required author and no free-text column', async () => {
    expect(await q(sql`select 1 from information_schema.columns where table_name = 'posts' and column_name = 'author'`)).toHaveLength(0);
    const [col] = await q<{ is_nullable: string }>(sql`select is_nullable from information_schema.columns where table_name = 'posts' and column_name = 'author_id'`);
    expect(col!.is_nullable).toBe('NO');
  });
});
