// Full-text search over published posts, uncached (./search.ts caches it per query; the
// benchmark times it as is). Plain SQL functions of PostgreSQL only, so PGlite, pg and Neon run
// the same statement: websearch_to_tsquery (never fails to parse, whatever was typed) against
// the posts' generated `search` column and its GIN index (db/schema.ts), ranked by ts_rank_cd
// (cover density, with the column's weights: the title is A, summary and body are B).
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { posts } from '@/db/schema';
import type { SearchCursor } from '@/lib/api/search';
import type { StoredImage } from '@/lib/media/documents';
import { postAuthorName, postCover, postTagSlugs } from './post-columns';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-excerpt';

/** The text search configuration the `search` column is built with (db/schema.ts searchVector). */
const CONFIG = sql.raw(`'english'::regconfig`);

// ts_headline's options: up to two passages around the matches, delimited by the sentinels that
// ./search-excerpt.ts turns into <mark> after escaping.
const HEADLINE_OPTIONS = `StartSel="${HIGHLIGHT_START}", StopSel="${HIGHLIGHT_STOP}", MaxFragments=2, MaxWords=28, MinWords=12, FragmentDelimiter=" … "`;

// The passage is taken from the summary and the Markdown body with the Markdown syntax readers
// would not expect in an excerpt removed: links and images keep their text, emphasis, code and
// heading marks go. The sentinels are removed from the text first, so every sentinel in the
// headline is ts_headline's own.
const LINK = String.raw`!?\[([^\]]*)\]\([^)]*\)`;
const MARKUP = '[`*#>~]+';

export interface SearchRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  author: string;
  tags: string[];
  publishedAt: Date | null;
  updatedAt: Date;
  cover: StoredImage | null;
  coverAlt: string;
  /** ts_headline's passage, with the sentinels around each match. */
  headline: string;
  /** The sort key, exact: rank (float8 text), publication time (µs, UTC), id. */
  rankKey: string;
  timeKey: string;
}

/** The longest stretch of a post (summary, then body) ts_headline reads for the excerpt: its cost grows with the text it parses. */
const HEADLINE_SOURCE_CHARS = 8_000;

/** A row count no table here reaches (PostgreSQL's LIMIT takes a bigint). */
const EVERY_ROW = 2 ** 31 - 1;

/**
 * One page of matching published, not deleted posts: by rank, then newest, then id (a total
 * order, so keyset paging never skips or repeats a post). `after`: the previous page's last hit.
 */
export async function searchPosts(db: Db, q: string, limit: number, after?: SearchCursor): Promise<{ rows: SearchRow[]; more: boolean }> {
  const rows = await searchStatement(db, q, limit, after);
  return { rows: rows.map(({ more: _more, ...row }) => row), more: rows[0]?.more ?? false };
}

/** The statement itself (EXPLAIN it with `.toSQL()`). */
export function searchStatement(db: Db, q: string, limit: number, after?: SearchCursor) {
  const tsquery = sql`websearch_to_tsquery(${CONFIG}, ${q})`;
  // Every match ranked once. The LIMIT (never reached) keeps PostgreSQL from pushing the
  // cursor's condition into this subquery, where it would compute ts_rank_cd a second time for
  // every match (Drizzle drops an OFFSET 0, the usual fence).
  const ranked = db
    .select({
      hitId: sql<string>`${posts.id}`.as('hit_id'),
      rank: sql<number>`ts_rank_cd(${posts.search}, ${tsquery})::float8`.as('rank'),
      hitTime: sql<Date>`${posts.publishedAt}`.as('hit_time'),
    })
    .from(posts)
    .where(and(sql`${posts.search} @@ ${tsquery}`, eq(posts.status, 'published'), isNull(posts.deletedAt)))
    .limit(EVERY_ROW)
    .as('ranked');
  const seek = after
    ? sql`(${ranked.rank}, ${ranked.hitTime}, ${ranked.hitId}) < (${after.r}::float8, ${after.t}::timestamptz, ${after.i}::uuid)`
    : undefined;
  // The page (and one more row, which tells whether another page follows); ts_headline, the
  // costly part (it parses the text again), then runs on the shown rows only.
  const hits = db.$with('hits').as(
    db
      .select({ hitId: ranked.hitId, rank: ranked.rank, hitTime: ranked.hitTime })
      .from(ranked)
      .where(seek)
      .orderBy(desc(ranked.rank), desc(ranked.hitTime), desc(ranked.hitId))
      .limit(limit + 1),
  );
  const source = sql`translate(left(${posts.summary} || ${'\n\n'} || regexp_replace(regexp_replace(left(${posts.body}, ${HEADLINE_SOURCE_CHARS}), ${LINK}, ${'\\1'}, 'g'), ${MARKUP}, '', 'g'), ${HEADLINE_SOURCE_CHARS}), ${HIGHLIGHT_START + HIGHLIGHT_STOP}, '')`;
  return db
    .with(hits)
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      summary: posts.summary,
      author: postAuthorName,
      tags: postTagSlugs,
      publishedAt: posts.publishedAt,
      updatedAt: posts.updatedAt,
      cover: postCover,
      coverAlt: posts.coverAlt,
      headline: sql<string>`ts_headline(${CONFIG}, ${source}, ${tsquery}, ${HEADLINE_OPTIONS})`,
      // Named apart from "rank": ORDER BY "rank" below must find the float, not this text.
      rankKey: sql<string>`${hits.rank}::text`.as('rank_key'),
      timeKey: sql<string>`to_char(${posts.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('time_key'),
      more: sql<boolean>`(select count(*) from "hits") > ${limit}`.mapWith(Boolean).as('more'),
    })
    .from(hits)
    .innerJoin(posts, eq(posts.id, hits.hitId))
    .orderBy(desc(hits.rank), desc(hits.hitTime), desc(hits.hitId))
    .limit(limit);
}
