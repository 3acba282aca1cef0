import type { SearchPage } from '@/lib/content/search';

/** The hits: title link, byline and date, and the excerpt with each match in <mark>. */
export function SearchResults({ page }: { page: SearchPage }) {
  return (
    <>
      <p>Posts matching “{page.query}”, most relevant first:</p>
      <ol className="post-list" data-testid="search-results">
        {page.hits.map(({ post, excerpt }) => (
          <li key={post.id}>
            <h2>
              <a href={`/posts/${post.slug}`}>{post.title}</a>
            </h2>
            <p className="meta">
              {post.author} · <time dateTime={post.publishedAt}>{post.publishedAt.slice(0, 10)}</time>
            </p>
            {/* React escapes every run; the only elements are the <mark>s made here. */}
            <p data-testid="search-excerpt">{excerpt.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</p>
          </li>
        ))}
      </ol>
      {page.nextCursor ? (
        <nav aria-label="More results">
          <a rel="next" href={`/search?${new URLSearchParams({ q: page.query, cursor: page.nextCursor })}`}>
            Next page
          </a>
        </nav>
      ) : null}
    </>
  );
}
