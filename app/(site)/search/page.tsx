import type { Metadata } from 'next';
import { connection } from 'next/server';
import { decodeSearchCursor, DEFAULT_SEARCH_LIMIT, MAX_QUERY_LENGTH, normaliseQuery, searchQuerySchema } from '@/lib/api/search';
import { searchPublishedPosts } from '@/lib/content/search';
import { SearchResults } from './search-results';

// Blocking (no <Suspense>), so the page works without JavaScript; see app/(site)/page.tsx.
export const instant = false;

// Result pages are not content of their own: crawlers may follow their links but not index them
// (and app/sitemap.ts does not list /search).
export const metadata: Metadata = {
  title: 'Search',
  description: 'Search the published posts.',
  robots: { index: false, follow: true },
};

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default function SearchPage({ searchParams }: Props) {
  return (
    <main>
      <h1>Search</h1>
      <Search searchParams={searchParams} />
    </main>
  );
}

async function Search({ searchParams }: Props) {
  // Read at request time (from the 'use cache' reader), never at build time.
  await connection();
  const params = await searchParams;
  const raw = first(params.q) ?? '';
  const cursor = first(params.cursor);
  return (
    <>
      <form role="search" method="get" action="/search">
        <label htmlFor="search-q">Search posts</label>{' '}
        <input id="search-q" type="search" name="q" defaultValue={raw.slice(0, MAX_QUERY_LENGTH)} maxLength={MAX_QUERY_LENGTH} autoComplete="off" />{' '}
        <button type="submit">Search</button>
      </form>
      <Outcome raw={raw} cursor={cursor} />
    </>
  );
}

/** What the query finds, or a sentence saying why there is nothing to show. */
async function Outcome({ raw, cursor }: { raw: string; cursor: string | undefined }) {
  if (normaliseQuery(raw) === '') return <p data-testid="search-message">Type a word or a phrase to search the posts.</p>;
  // The API's own rules (lib/api/search.ts), so the page and GET /api/search agree.
  const parsed = searchQuerySchema.safeParse({ q: raw, ...(cursor !== undefined ? { cursor } : {}) });
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'is not a search';
    return <p data-testid="search-message" role="alert">That search cannot be run: it {reason}.</p>;
  }
  const q = normaliseQuery(parsed.data.q);
  const after = parsed.data.cursor === undefined ? undefined : decodeSearchCursor(parsed.data.cursor, q);
  if (typeof after === 'string') {
    return (
      <p data-testid="search-message" role="alert">
        That results page link is not valid for this search. <a href={`/search?${new URLSearchParams({ q })}`}>See the first page of results</a>.
      </p>
    );
  }
  const page = await searchPublishedPosts(q, DEFAULT_SEARCH_LIMIT, after);
  if (page.hits.length === 0) {
    return (
      <p data-testid="search-message">
        {after ? 'No more posts match' : 'No posts match'} “{q}”. Try fewer or different words.
      </p>
    );
  }
  return <SearchResults page={page} />;
}
