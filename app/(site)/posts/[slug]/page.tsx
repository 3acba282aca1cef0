import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { slugSchema } from '@/lib/api/posts';
import { getConfig } from '@/lib/config';
import { lookupPost } from '@/lib/content/posts';
import { canonicalUrlOf, seoDescription, seoTitle } from '@/lib/content/post-seo';
import { feedAlternateTypes } from '@/lib/content/site-metadata';
import { fileNear } from '@/lib/media/documents';
import { blogPosting, breadcrumbList } from '@/lib/content/structured-data';
import { JsonLd } from '../../json-ld';
import { PostCover } from './post-cover';

type Props = { params: Promise<{ slug: string }> };

async function findPost(rawSlug: string) {
  const slug = slugSchema.safeParse(rawSlug);
  if (!slug.success) notFound();
  const lookup = await lookupPost(slug.data);
  if (lookup.kind === 'moved') permanentRedirect(`/posts/${lookup.slug}`);
  if (lookup.kind !== 'found') notFound();
  return lookup.post;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = slugSchema.safeParse((await params).slug);
  if (!slug.success) return {};
  const lookup = await lookupPost(slug.data);
  if (lookup.kind !== 'found') return {};
  const { post } = lookup;
  const siteUrl = getConfig().siteUrl;
  // The editor's SEO overrides (lib/content/post-seo.ts) for search results and every card alike.
  const title = seoTitle(post);
  const description = seoDescription(post);
  const url = canonicalUrlOf(post, siteUrl);
  // The cover when there is one (a file about 1200 px wide in a format every card renderer
  // reads: JPEG, PNG or WebP, never AVIF), else the card generated from the title.
  const card = post.cover ? fileNear(post.cover, 1200, ['image/jpeg', 'image/png', 'image/webp']) : undefined;
  const image =
    post.cover && card
      ? { url: card.url, width: card.width, height: card.height, type: card.type, alt: post.cover.alt || title }
      : { url: `/posts/${post.slug}/opengraph-image`, width: 1200, height: 630, type: 'image/png', alt: title };
  return {
    // Absolute URLs (the Open Graph image) from SITE_URL, read at request time.
    metadataBase: new URL(getConfig().siteUrl),
    // A meta title is the editor's whole title: the layout's " · Gazette" template is not added.
    title: post.seo.metaTitle ? { absolute: title } : title,
    description,
    authors: [{ name: post.author }],
    // Only when set: otherwise the layout's robots rules stand.
    ...(post.seo.noindex ? { robots: { index: false, follow: true } } : {}),
    alternates: {
      canonical: url,
      types: { ...feedAlternateTypes, 'application/json': `${getConfig().siteUrl}/api/posts/${post.slug}` },
    },
    openGraph: {
      type: 'article',
      url,
      title,
      description,
      publishedTime: post.publishedAt,
      modifiedTime: post.updatedAt,
      authors: [post.author],
      tags: post.tags,
      siteName: 'Gazette',
      // Named here: the image route (app/posts/[slug]/opengraph-image.tsx) stays outside the (site)
      // route group, where Next would give its URL a hash, so the file convention does not link it.
      images: [image],
    },
    twitter: { card: 'summary_large_image', title, description, images: [{ url: image.url, alt: image.alt }] },
  };
}

// The status is decided before this page renders, by the proxy's gate (lib/site/page-gate.ts):
// with cacheComponents Next sends the prerendered shell, status 200, before the render reaches
// notFound() or permanentRedirect() (vercel/next.js#98518). Those calls stay for what the gate
// let through a moment before a change (the reader shows the not-found page or redirects).
// Blocking (no <Suspense>), so the page works without JavaScript; see app/page.tsx.
export const instant = false;

export default async function PostPage({ params }: Props) {
  const post = await findPost((await params).slug);
  const siteUrl = getConfig().siteUrl;
  return (
    <>
      {/* Beside <main>, not in it: the content area holds no <script> of any kind. */}
      <JsonLd data={[blogPosting(post, siteUrl), breadcrumbList([{ name: 'Home', url: `${siteUrl}/` }, { name: post.title, url: `${siteUrl}/posts/${post.slug}` }])]} />
      <main>
        <article>
          <h1>{post.title}</h1>
          <p className="meta">
            {/* A published post's author and tags always have pages (each has this post). */}
            <a href={`/authors/${post.authorSlug}`} rel="author">
              {post.author}
            </a>{' '}
            · <time dateTime={post.publishedAt}>{post.publishedAt.slice(0, 10)}</time>
            {post.tags.length > 0 && (
              <>
                {' · '}
                {post.tags.map((tag, i) => (
                  <span key={tag}>
                    {i > 0 && ', '}
                    <a href={`/tags/${tag}`} rel="tag">
                      {tag}
                    </a>
                  </span>
                ))}
              </>
            )}
          </p>
          {post.cover && <PostCover cover={post.cover} />}
          {/* Sanitised by sanitize-html in the reader (lib/content/markdown.ts). */}
          <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
        </article>
        {/* The author's bio (plain text, escaped by React), from the post's cached reader: an edit of the profile invalidates it. */}
        {post.authorBio.trim() && (
          <aside className="author-box" aria-labelledby="about-author">
            <h2 id="about-author">About {post.author}</h2>
            <p>{post.authorBio}</p>
          </aside>
        )}
      </main>
    </>
  );
}
