// Demo content and synthetic bulk content. Idempotent: every row has a stable identity
// (slug, or an id derived from a seed key), and inserts skip rows that already exist.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../client';
import {
  appMeta,
  authors,
  changelogEntries,
  events,
  postSlugRedirects,
  posts,
  postTags,
  revisions,
  tags,
  type NewRevision,
} from '../schema';
import { seedAuthors, seedChangelog, seedEvents, seedPosts, seedTags } from './content';
import { coverByTag } from './images';
import { resolveSeedBody, seedImageItems, type SeededImage, type StoreSeedImage } from './media';

export type { StoreSeedImage } from './media';
import type { SeedEvent, SeedPost } from './types';

export const DEMO_SEEDED_KEY = 'demo_seeded_at';
const SEED_EDITOR = 'Gazette demo seed';

/** A deterministic UUID (v8 layout) from a name, so re-seeding finds the same rows. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(`gazette:${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An event's local wall time in its IANA zone → the instant (DST-aware). */
export function wallTimeToInstant(wall: string, timeZone: string): Date {
  const dt = DateTime.fromISO(wall, { zone: timeZone });
  if (!dt.isValid) throw new Error(`Invalid time "${wall}" in ${timeZone}: ${dt.invalidExplanation}`);
  return dt.toJSDate();
}

function eventRow(e: SeedEvent) {
  const id = stableUuid(`event:${e.key}`);
  return {
    id,
    uid: `${id}@gazette`,
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    startsAt: wallTimeToInstant(e.start, e.timeZone),
    endsAt: wallTimeToInstant(e.end, e.timeZone),
    allDay: e.allDay,
    timeZone: e.timeZone,
    status: e.status,
    sequence: e.sequence,
    publicationStatus: e.published ? ('published' as const) : ('draft' as const),
    // Demo events carry no publication time of their own: a fixed one keeps seeding deterministic.
    publishedAt: e.published ? new Date('2026-11-01T00:00:00Z') : null,
  };
}

export interface SeedSummary {
  posts: number;
  tags: number;
  changelog: number;
  events: number;
  /** Demo images present, and the milliseconds drawing and storing them took (0 when none). */
  images: number;
  imageMs: number;
}

/** The SeedImage key of a demo post's cover, or null when it has none. */
export function seedCoverKey(p: SeedPost): string | null {
  if (p.cover !== undefined) return p.cover;
  return coverByTag[p.tags[0] ?? ''] ?? null;
}

function revision(entityType: NewRevision['entityType'], entityId: string, snapshot: object): NewRevision {
  return {
    entityType,
    entityId,
    entityVersion: 1,
    snapshot: snapshot as Record<string, unknown>,
    editorName: SEED_EDITOR,
    note: 'Demo content',
  };
}

/**
 * Insert the hand-written demo content. Safe to run any number of times. Demo images are stored
 * through `storeImage` (lib/media/seed-images.ts); without it the posts are seeded without images.
 */
export async function seedDemoContent(db: Db, storeImage?: StoreSeedImage): Promise<SeedSummary> {
  const imagesStarted = Date.now();
  // Outside the content transaction: ingestImage takes the media lock in a transaction of its own.
  const images = storeImage ? await seedImageItems(db, storeImage) : new Map<string, SeededImage>();
  const imageMs = storeImage ? Date.now() - imagesStarted : 0;
  await db.transaction(async (tx) => {
    await tx.insert(tags).values(seedTags).onConflictDoNothing();
    const authorIds = new Map<string, string>();
    for (const a of seedAuthors) {
      const id = stableUuid(`author:${a.slug}`);
      await tx.insert(authors).values({ id, ...a }).onConflictDoNothing();
      authorIds.set(a.name, id);
    }

    for (const p of seedPosts) {
      const authorId = authorIds.get(p.author);
      if (!authorId) throw new Error(`seed post ${p.slug}: unknown author ${p.author}`);
      const id = stableUuid(`post:${p.slug}`);
      const publishedAt = p.publishedAt ? new Date(p.publishedAt) : null;
      const updatedAt = new Date(p.updatedAt ?? p.publishedAt ?? '2026-11-01T00:00:00Z');
      const row = {
        id,
        slug: p.slug,
        title: p.title,
        summary: p.summary,
        body: resolveSeedBody(p.body, images),
        authorId,
        coverMediaId: images.get(seedCoverKey(p) ?? '')?.id ?? null,
        status: p.status,
        publishedAt,
        createdAt: publishedAt ?? updatedAt,
        updatedAt,
      };
      const inserted = await tx.insert(posts).values(row).onConflictDoNothing().returning({ id: posts.id });
      if (inserted.length === 0) continue;
      if (p.tags.length > 0) {
        await tx
          .insert(postTags)
          .values(p.tags.map((tagSlug) => ({ postId: id, tagSlug })))
          .onConflictDoNothing();
      }
      for (const slug of p.previousSlugs ?? []) {
        await tx.insert(postSlugRedirects).values({ slug, postId: id }).onConflictDoNothing();
      }
      await tx.insert(revisions).values(revision('post', id, { ...row, author: p.author, tags: p.tags })).onConflictDoNothing();
    }

    for (const c of seedChangelog) {
      const id = stableUuid(`changelog:${c.key}`);
      const publishedAt = c.publishedAt ? new Date(c.publishedAt) : null;
      const row = {
        id,
        title: c.title,
        body: c.body,
        category: c.category,
        productVersion: c.productVersion,
        status: c.status,
        publishedAt,
        createdAt: publishedAt ?? new Date('2026-11-01T00:00:00Z'),
        updatedAt: publishedAt ?? new Date('2026-11-01T00:00:00Z'),
      };
      const inserted = await tx.insert(changelogEntries).values(row).onConflictDoNothing().returning({ id: changelogEntries.id });
      if (inserted.length > 0) {
        await tx.insert(revisions).values(revision('changelog', id, row)).onConflictDoNothing();
      }
    }

    for (const e of seedEvents) {
      const row = eventRow(e);
      const inserted = await tx.insert(events).values(row).onConflictDoNothing().returning({ id: events.id });
      if (inserted.length > 0) {
        await tx.insert(revisions).values(revision('event', row.id, row)).onConflictDoNothing();
      }
    }

    await tx
      .insert(appMeta)
      .values({ key: DEMO_SEEDED_KEY, value: new Date().toISOString() })
      .onConflictDoNothing();
  });
  return {
    posts: seedPosts.length,
    tags: seedTags.length,
    changelog: seedChangelog.length,
    events: seedEvents.length,
    images: images.size,
    imageMs,
  };
}

export async function wasDemoSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ key: appMeta.key }).from(appMeta).where(sql`${appMeta.key} = ${DEMO_SEEDED_KEY}`);
  return rows.length > 0;
}

const LOREM = [
  'Caching is a contract between the origin and every cache in front of it.',
  'A feed reader polls politely when the server answers conditional requests.',
  'Time zones are political; store the zone, not just the offset.',
  'Cursor pagination keeps its place when new items arrive at the top.',
  'Weak validators promise semantic equivalence, not byte equality.',
];

/**
 * Generate `count` synthetic published posts (for benchmarks), in batches, reporting progress.
 * Idempotent too: synthetic slugs are numbered, and existing ones are skipped.
 */
export async function seedSyntheticPosts(
  db: Db,
  count: number,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const batchSize = 500;
  const tagSlugs = seedTags.map((t) => t.slug);
  await db.insert(tags).values(seedTags).onConflictDoNothing();
  const authorId = stableUuid('author:bench-writer');
  await db.insert(authors).values({ id: authorId, slug: 'bench-writer', name: 'Bench Writer', bio: 'Writes the synthetic posts benchmarks read.' }).onConflictDoNothing();
  const start = Date.UTC(2020, 0, 1);
  for (let offset = 0; offset < count; offset += batchSize) {
    const n = Math.min(batchSize, count - offset);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = offset + k + 1;
      const slug = `synthetic-post-${String(i).padStart(6, '0')}`;
      const publishedAt = new Date(start + i * 3_600_000);
      const para = LOREM[i % LOREM.length] ?? '';
      return {
        id: stableUuid(`post:${slug}`),
        slug,
        title: `Synthetic post number ${i}`,
        summary: para,
        body: `## Part ${i}\n\n${para}\n\n- first point\n- second point\n\n\`\`\`ts\nconst n = ${i};\n\`\`\`\n`,
        authorId,
        status: 'published' as const,
        publishedAt,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      };
    });
    await db.transaction(async (tx) => {
      const inserted = await tx.insert(posts).values(rows).onConflictDoNothing().returning({ id: posts.id });
      if (inserted.length > 0) {
        await tx
          .insert(postTags)
          .values(inserted.map((r, k) => ({ postId: r.id, tagSlug: tagSlugs[k % tagSlugs.length] ?? 'http' })))
          .onConflictDoNothing();
      }
    });
    onProgress(offset + n, count);
  }
}

const CATEGORIES = ['added', 'changed', 'deprecated', 'removed', 'fixed', 'security'] as const;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Europe/London'];

/** `count` synthetic published changelog entries (benchmarks). Idempotent by stable ids. */
export async function seedSyntheticChangelog(db: Db, count: number): Promise<void> {
  const start = Date.UTC(2022, 0, 1);
  const rows = Array.from({ length: count }, (_, k) => {
    const publishedAt = new Date(start + k * 86_400_000 * 3);
    return {
      id: stableUuid(`changelog:synthetic-${k}`),
      title: `Synthetic change ${k + 1}`,
      body: `- ${LOREM[k % LOREM.length]}\n- Affects \`/api/posts\`.`,
      category: CATEGORIES[k % CATEGORIES.length]!,
      productVersion: `1.${Math.floor(k / 10)}.${k % 10}`,
      status: 'published' as const,
      publishedAt,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(changelogEntries).values(rows.slice(i, i + 500)).onConflictDoNothing();
}

/** `count` synthetic published events around now, in several zones (benchmarks). */
export async function seedSyntheticEvents(db: Db, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, k) => {
    const zone = ZONES[k % ZONES.length]!;
    const day = DateTime.fromISO('2026-01-05T10:00', { zone }).plus({ days: k });
    const id = stableUuid(`event:synthetic-${k}`);
    return {
      id,
      uid: `${id}@gazette`,
      title: `Synthetic meetup ${k + 1}`,
      description: `${LOREM[k % LOREM.length]}\nBring a laptop; coffee, tea and water provided.`,
      location: `Room ${k % 12}, Conference Centre, ${zone.split('/')[1]}`,
      url: null,
      startsAt: day.toJSDate(),
      endsAt: day.plus({ hours: 2 }).toJSDate(),
      allDay: false,
      timeZone: zone,
      status: k % 37 === 0 ? ('cancelled' as const) : ('confirmed' as const),
      sequence: k % 3,
      publicationStatus: 'published' as const,
      publishedAt: new Date('2026-01-01T00:00:00Z'),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(events).values(rows.slice(i, i + 500)).onConflictDoNothing();
}
