// /authors/{slug}: an author's name and bio, their published posts newest first, paged, and
// their own feeds.
import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { breadcrumbList } from '@/lib/content/structured-data';
import { JsonLd } from '../../json-ld';
import { ArchiveList, archiveCanonical, type SearchParams } from '../../_archive/archive-list';
import { FeedLinks, feedAlternates } from '../../_archive/feed-links';
import { findAuthor } from '../../_archive/find';

type Props = { params: Promise<{ slug: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const author = await findAuthor((await params).slug);
  const site = getConfig().siteUrl;
  const alternates = feedAlternates('author', author.slug, `Gazette: ${author.name}`);
  return {
    metadataBase: new URL(site),
    title: author.name,
    description: author.bio || `Posts by ${author.name} on Gazette.`,
    alternates: {
      canonical: await archiveCanonical(site, `/authors/${author.slug}`, searchParams),
      types: alternates,
    },
  };
}

// Blocking (no <Suspense>), so the page works without JavaScript; see app/(site)/page.tsx.
export const instant = false;

export default async function AuthorPage({ params, searchParams }: Props) {
  const author = await findAuthor((await params).slug);
  return (
    <>
      {/* Beside <main>, not in it: the content area holds no <script> of any kind. */}
      <JsonLd data={breadcrumbList([{ name: 'Home', url: `${getConfig().siteUrl}/` }, { name: author.name, url: `${getConfig().siteUrl}/authors/${author.slug}` }])} />
      <main>
        <h1>{author.name}</h1>
        {/* Plain text, escaped by React. */}
        {author.bio && <p>{author.bio}</p>}
        <FeedLinks param="author" slug={author.slug} />
        <ArchiveList filter={{ author: author.slug }} basePath={`/authors/${author.slug}`} searchParams={searchParams} empty="No posts by this author yet." />
      </main>
    </>
  );
}
