import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getChangelogForPage } from '@/lib/content/changelog';
import { feedAlternateTypes } from '@/lib/content/site-metadata';

// Blocking (no <Suspense>), so the page works without JavaScript; see app/page.tsx.
export const instant = false;

export const metadata: Metadata = {
  title: 'Changelog',
  description: 'What changed in Gazette, by version and Keep a Changelog category.',
  alternates: {
    types: {
      ...feedAlternateTypes,
      'application/rss+xml': [...feedAlternateTypes['application/rss+xml'], { url: '/changelog.xml', title: 'Gazette changelog (RSS)' }],
      'application/feed+json': [...feedAlternateTypes['application/feed+json'], { url: '/api/changelog.json', title: 'Gazette changelog (JSON Feed)' }],
    },
  },
};

export default function ChangelogPage() {
  return (
    <main>
      <h1>Changelog</h1>
      <p>
        Follow it as <a href="/changelog.xml">RSS</a> or <a href="/api/changelog.json">JSON Feed</a>.
      </p>
      <Entries />
    </main>
  );
}

async function Entries() {
  await connection();
  const entries = await getChangelogForPage();
  const versions = new Map<string, typeof entries>();
  for (const e of entries) {
    const key = e.productVersion ?? 'Unversioned';
    versions.set(key, [...(versions.get(key) ?? []), e]);
  }
  return (
    <>
      {[...versions].map(([version, list]) => (
        <section key={version}>
          <h2>{version}</h2>
          <ul className="changelog">
            {list.map((e) => (
              <li key={e.id} id={e.id}>
                <span className={`badge badge-${e.category}`}>{e.category}</span> <strong>{e.title}</strong>{' '}
                <time className="meta" dateTime={e.publishedAt}>
                  {e.publishedAt.slice(0, 10)}
                </time>
                {/* Sanitised by sanitize-html in the reader. */}
                <div dangerouslySetInnerHTML={{ __html: e.html }} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
