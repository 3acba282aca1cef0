// /tags/{slug}: a tag's published posts, newest first, paged, with the tag's own feeds.
import type { Metadata } from 'next';
import { getConfig } from '@/lib/config';
import { breadcrumbList } from '@/lib/content/structured-data';
import { JsonLd } from '../../json-ld';
import { ArchiveList, archiveCanonical, type SearchParams } from '../../_archive/archive-list';
import { FeedLinks, feedAlternates } from '../../_archive/feed-links';
import { findTag } from '../../_archive/find';

type Props = { params: Promise<{ slug: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tag = await findTag((await params).slug);
  const site = getConfig().siteUrl;
  const title = `Posts tagged ${tag.name}`;
  const alternates = feedAlternates('tag', tag.slug, `Gazette: ${tag.name}`);
  return {
    metadataBase: new URL(site),
    title,
    description: tag.description || `${title} on Gazette.`,
    alternates: {
      canonical: await archiveCanonical(site, `/tags/${tag.slug}`, searchParams),
      types: alternates,
    },
  };
}

// Blocking (no <Suspense>), so the page works without JavaScript; see app/(site)/page.tsx.
export const instant = false;

export default async function TagPage({ params, searchParams }: Props) {
  const tag = await findTag((await params).slug);
  return (
    <>
      {/* Beside <main>, not in it: the content area holds no <script> of any kind. */}
      <JsonLd data={breadcrumbList([{ name: 'Home', url: `${getConfig().siteUrl}/` }, { name: tag.name, url: `${getConfig().siteUrl}/tags/${tag.slug}` }])} />
      <main>
        <h1>Posts tagged {tag.name}</h1>
        {tag.description && <p>{tag.description}</p>}
        <FeedLinks param="tag" slug={tag.slug} />
        <ArchiveList filter={{ tag: tag.slug }} basePath={`/tags/${tag.slug}`} searchParams={searchParams} empty="No posts have this tag yet." />
      </main>
    </>
  );
}
