// Pure serialisers: a post record → its JSON, Markdown and HTML documents. Absolute URLs
// throughout, built from SITE_URL.
import { API_VERSION, encodeCursor, type Cursor, type PostDoc, type PostListDoc, type PostSummaryDoc } from '@/lib/api/posts';
import { fileNear, srcset } from '@/lib/media/documents';
import { escapeHtml } from './markdown';
import type { PostRecord } from './posts';
import { canonicalUrlOf, seoDescription, seoDocument, seoTitle } from './post-seo';

export const postUrls = {
  api: (siteUrl: string, slug: string) => `${siteUrl}/api/posts/${slug}`,
  page: (siteUrl: string, slug: string) => `${siteUrl}/posts/${slug}`,
};

type SummaryInput = Pick<PostRecord, 'id' | 'slug' | 'title' | 'summary' | 'author' | 'tags' | 'publishedAt' | 'updatedAt' | 'cover'>;

export function postSummaryDocument(post: SummaryInput, siteUrl: string): PostSummaryDoc {
  return {
    id: post.id,
    slug: post.slug,
    title: post.title,
    summary: post.summary,
    author: post.author,
    tags: post.tags,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    cover: post.cover,
    links: { self: postUrls.api(siteUrl, post.slug), html: postUrls.page(siteUrl, post.slug) },
  };
}

export function postDocument(post: PostRecord, siteUrl: string): PostDoc {
  return {
    apiVersion: API_VERSION,
    ...postSummaryDocument(post, siteUrl),
    contentHtml: post.html,
    contentMarkdown: post.markdown,
    seo: seoDocument(post),
  };
}

export function postListUrl(siteUrl: string, query: { limit: number; tag?: string; author?: string }, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (query.limit !== 20) params.set('limit', String(query.limit));
  if (query.tag) params.set('tag', query.tag);
  if (query.author) params.set('author', query.author);
  if (cursor) params.set('cursor', cursor);
  const qs = params.toString();
  return `${siteUrl}/api/posts${qs ? `?${qs}` : ''}`;
}

export function postListDocument(
  items: PostSummaryDoc[],
  query: { limit: number; tag?: string; author?: string; cursor?: Cursor },
  nextCursor: string | null,
  siteUrl: string,
): PostListDoc {
  return {
    apiVersion: API_VERSION,
    data: items,
    links: {
      self: postListUrl(siteUrl, query, query.cursor ? encodeCursor(query.cursor) : null),
      next: nextCursor ? postListUrl(siteUrl, query, nextCursor) : null,
    },
  };
}

/** text/markdown: the source, with the title as its first heading. */
export function postMarkdownDocument(post: PostRecord): string {
  return `# ${post.title}\n\n${post.markdown.trimEnd()}\n`;
}

/** The cover in the standalone document: one <img> in the original's format, every width in srcset. */
function coverHtml(cover: NonNullable<PostRecord['cover']>): string {
  const set = srcset(cover, cover.type);
  return `<figure><img src="${escapeHtml(fileNear(cover, 960).url)}"${set ? ` srcset="${escapeHtml(set)}" sizes="(min-width: 46rem) 43.5rem, 100vw"` : ''} width="${cover.width}" height="${cover.height}" alt="${escapeHtml(cover.alt)}" style="max-width: 100%; height: auto"></figure>`;
}

/** text/html: a small standalone document around the sanitised body. */
export function postHtmlDocument(post: PostRecord, siteUrl: string): string {
  const title = escapeHtml(post.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(seoTitle(post))}</title>
<link rel="canonical" href="${escapeHtml(canonicalUrlOf(post, siteUrl))}">
<meta name="description" content="${escapeHtml(seoDescription(post))}">
${post.seo.noindex ? '<meta name="robots" content="noindex">\n' : ''}</head>
<body>
<article>
<h1>${title}</h1>
<p><span class="author">${escapeHtml(post.author)}</span> · <time datetime="${post.publishedAt}">${post.publishedAt.slice(0, 10)}</time></p>
${post.cover ? `${coverHtml(post.cover)}\n` : ''}${post.html}
</article>
</body>
</html>
`;
}
