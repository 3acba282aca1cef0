// Cached search over published posts (SPEC §11: "cached per query"). Keyed by the normalised
// query (lib/api/search.ts normaliseQuery), the page size and the cursor, and tagged `posts`:
// every publish, unpublish, edit, rename and delete of a post already invalidates that tag
// (lib/cms/types/post.ts cacheTags), so no result outlives the content it shows. The short life
// bounds what one-off queries keep in the cache, not freshness.
import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { getDb } from '@/db/client';
import { API_VERSION, type PostSummaryDoc } from '@/lib/api/posts';
import { encodeSearchCursor, queryFingerprint, searchUrl, type SearchCursor, type SearchResultDoc } from '@/lib/api/search';
import { getConfig } from '@/lib/config';
import { weakEtag, type Representation } from '@/lib/http/representation';
import { cacheTags } from './cache-tags';
import { postSummaryDocument } from './post-documents';
import { coverOf } from './post-images';
import { excerptDocument, excerptParts, type ExcerptPart } from './search-excerpt';
import { searchPosts } from './search-query';

export interface SearchHit {
  post: PostSummaryDoc;
  /** The excerpt as runs (the page renders them as React text, <mark> for matches). */
  excerpt: ExcerptPart[];
}

export interface SearchPage {
  /** The normalised query. */
  query: string;
  limit: number;
  hits: SearchHit[];
  /** The opaque cursor of the next page, or null on the last one. */
  nextCursor: string | null;
}

/** One page of results for a normalised query (the caller validated and normalised it). */
export async function searchPublishedPosts(query: string, limit: number, after?: SearchCursor): Promise<SearchPage> {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.posts);
  const { rows, more } = await searchPosts(await getDb(), query, limit, after);
  const siteUrl = getConfig().siteUrl;
  const hits = rows.map((r) => ({
    post: postSummaryDocument(
      {
        ...r,
        publishedAt: (r.publishedAt ?? r.updatedAt).toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        cover: coverOf(r, siteUrl),
      },
      siteUrl,
    ),
    excerpt: excerptParts(r.headline),
  }));
  const last = rows.at(-1);
  const nextCursor = more && last ? encodeSearchCursor({ r: last.rankKey, t: last.timeKey, i: last.id, h: queryFingerprint(query) }) : null;
  return { query, limit, hits, nextCursor };
}

/** GET /api/search: the page as JSON, rendered and validated (ETag) once per query and change. */
export async function getSearchRepresentation(query: string, limit: number, cursor?: { value: string; after: SearchCursor }): Promise<Representation> {
  'use cache';
  cacheLife('minutes');
  cacheTag(cacheTags.posts);
  const page = await searchPublishedPosts(query, limit, cursor?.after);
  const siteUrl = getConfig().siteUrl;
  const document: SearchResultDoc = {
    apiVersion: API_VERSION,
    query,
    data: page.hits.map((h) => ({ ...h.post, excerpt: excerptDocument(h.excerpt) })),
    links: {
      self: searchUrl(siteUrl, { q: query, limit }, cursor?.value),
      next: page.nextCursor ? searchUrl(siteUrl, { q: query, limit }, page.nextCursor) : null,
    },
  };
  const body = JSON.stringify(document);
  return {
    body,
    contentType: 'application/json',
    etag: weakEtag('search', body),
    // No Last-Modified: a result set has no time of its own (a post leaving it changes no date
    // it shows), so If-Modified-Since could answer 304 for a changed page. The ETag validates.
    // RFC 8288 §3: the next page as a typed link, absolute.
    headers: document.links.next ? { link: `<${document.links.next}>; rel="next"` } : undefined,
  };
}
