// Visible feed links of a tag or author page (the same URLs its metadata announces as
// rel="alternate", lib/api/taxonomy.ts feedLinks).
import { feedLinks } from '@/lib/api/taxonomy';
import { feedAlternateTypes as site } from '@/lib/content/site-metadata';

/** Metadata `alternates.types`: these posts' feeds first, then the site's (a page's own alternates replace the layout's). */
export function feedAlternates(param: 'tag' | 'author', slug: string, title: string) {
  const urls = feedLinks('', param, slug);
  return {
    'application/rss+xml': [{ url: urls.rss, title: `${title} (RSS)` }, ...site['application/rss+xml']],
    'application/atom+xml': [{ url: urls.atom, title: `${title} (Atom)` }, ...site['application/atom+xml']],
    'application/feed+json': [{ url: urls.json, title: `${title} (JSON Feed)` }, ...site['application/feed+json']],
  };
}

export function FeedLinks({ param, slug }: { param: 'tag' | 'author'; slug: string }) {
  const urls = feedLinks('', param, slug);
  return (
    <p className="meta">
      Follow: <a href={urls.rss} type="application/rss+xml">RSS</a> · <a href={urls.atom} type="application/atom+xml">Atom</a> ·{' '}
      <a href={urls.json} type="application/feed+json">JSON Feed</a>
    </p>
  );
}
