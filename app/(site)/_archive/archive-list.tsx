// The paged list of posts the home, tag and author pages share: plain links (rel="next" /
// rel="prev", RFC 8288 relation names) carry the keyset cursor, so every post is reachable
// without JavaScript and a page boundary does not move when a post is published above it.
import { connection } from 'next/server';
import { decodeCursor } from '@/lib/api/posts';
import { getArchivePage, type ArchiveFilter, type ArchivePosition } from '@/lib/content/archives';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?cursor=` (older) or `?before=` (newer); undefined when one is not a cursor we issued. */
export function archivePosition(params: Awaited<SearchParams>): ArchivePosition | undefined {
  const { cursor, before } = params;
  if (cursor === undefined && before === undefined) return {};
  // One position at a time, each given once: anything else is not a link this site made.
  if (typeof cursor === 'string' && before === undefined) {
    const after = decodeCursor(cursor);
    return after ? { after } : undefined;
  }
  if (typeof before === 'string' && cursor === undefined) {
    const c = decodeCursor(before);
    return c ? { before: c } : undefined;
  }
  return undefined;
}

/**
 * An archive page's canonical URL: the page itself, its cursor included. Each page of the series
 * lists other posts, so naming page 1 would ask search engines to fold the older pages into it
 * (Google's guidance for paginated series: each page is its own canonical).
 */
export async function archiveCanonical(site: string, basePath: string, searchParams: SearchParams): Promise<string> {
  const params = await searchParams;
  const position = archivePosition(params);
  const key = position?.after ? 'cursor' : position?.before ? 'before' : undefined;
  return key ? `${site}${basePath}?${key}=${encodeURIComponent(String(params[key]))}` : `${site}${basePath}`;
}

interface Props {
  filter: ArchiveFilter;
  /** The page's own path: links are `${basePath}?cursor=…`. */
  basePath: string;
  searchParams: SearchParams;
  /** Said when the filter has no posts at all. */
  empty: string;
}

export async function ArchiveList({ filter, basePath, searchParams, empty }: Props) {
  // Read at request time (from the 'use cache' reader), never at build time: `next build` must
  // not open the database a running server may hold.
  await connection();
  const position = archivePosition(await searchParams);
  if (!position) {
    // A tampered or truncated link: say so (a page cannot choose its status under
    // cacheComponents once the shell is sent) and offer the way in.
    return (
      <section aria-labelledby="bad-page-link">
        <h2 id="bad-page-link">This page link is not valid</h2>
        <p>
          The link to this page of posts was changed or cut short. <a href={basePath}>Start from the newest posts</a>.
        </p>
      </section>
    );
  }
  const page = await getArchivePage(filter, position);
  const paged = position.after !== undefined || position.before !== undefined;
  return (
    <>
      {page.items.length === 0 ? (
        <p>{paged ? 'There are no more posts here.' : empty}</p>
      ) : (
        <ol className="post-list" data-testid="post-list">
          {page.items.map((post) => (
            <li key={post.slug}>
              <h2>
                <a href={`/posts/${post.slug}`}>{post.title}</a>
              </h2>
              <p className="meta">
                <a href={`/authors/${post.authorSlug}`}>{post.author}</a> ·{' '}
                <time dateTime={post.publishedAt}>{post.publishedAt.slice(0, 10)}</time>
                {post.tags.length > 0 && (
                  <>
                    {' · '}
                    {post.tags.map((tag, i) => (
                      <span key={tag}>
                        {i > 0 && ', '}
                        <a href={`/tags/${tag}`}>{tag}</a>
                      </span>
                    ))}
                  </>
                )}
              </p>
              <p>{post.summary}</p>
            </li>
          ))}
        </ol>
      )}
      {(paged || page.older) && (
        <nav aria-label="Pagination">
          {page.newer ? (
            <a rel="prev" href={page.newer === 'first' ? basePath : `${basePath}?before=${page.newer.before}`}>
              ← Newer posts
            </a>
          ) : (
            paged && <a href={basePath}>← Newest posts</a>
          )}
          {page.older && (page.newer || paged) && ' · '}
          {page.older && (
            <a rel="next" href={`${basePath}?cursor=${page.older}`}>
              Older posts →
            </a>
          )}
        </nav>
      )}
    </>
  );
}
