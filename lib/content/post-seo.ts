// A post's search and sharing values, written once: the editor's override when set, else the
// post's own. The page's metadata, the Open Graph card, the structured data and the API's `seo`
// object read them from here; the sitemap's filter is the same rule in SQL (lib/content/sitemap.ts).
import type { PostRecord } from './posts';
import { postUrls } from './post-documents';

type SeoInput = Pick<PostRecord, 'slug' | 'title' | 'summary' | 'seo'>;

/** The title search results and link previews show. */
export const seoTitle = (post: SeoInput): string => post.seo.metaTitle || post.title;

/** The description search results and link previews show ('' when the post has neither). */
export const seoDescription = (post: SeoInput): string => post.seo.metaDescription || post.summary;

/** The page's canonical URL (RFC 6596): the override, else the post's own page. */
export const canonicalUrlOf = (post: SeoInput, siteUrl: string): string => post.seo.canonicalUrl || postUrls.page(siteUrl, post.slug);

/** The API document's `seo` object: the overrides as set, null where the post's own applies. */
export function seoDocument(post: SeoInput): { metaTitle: string | null; metaDescription: string | null; canonicalUrl: string | null; noindex: boolean } {
  return {
    metaTitle: post.seo.metaTitle || null,
    metaDescription: post.seo.metaDescription || null,
    canonicalUrl: post.seo.canonicalUrl || null,
    noindex: post.seo.noindex,
  };
}
