// The public site's navigation and feed links, listed once: the site's header and footer
// (app/(site)/_chrome) and the proxy's 404/410 pages (./status-document.ts) print these.

export interface SiteLink {
  href: string;
  label: string;
  /** The media type of what the link leads to, when it is not a page (a feed). */
  type?: string;
}

/** The sections a reader can go to, in the header. */
export const NAV_LINKS: readonly SiteLink[] = [
  { href: '/', label: 'Posts' },
  { href: '/changelog', label: 'Changelog' },
  { href: '/events', label: 'Events' },
  { href: '/search', label: 'Search' },
  { href: '/docs', label: 'API' },
];

/** The site's feeds, in the footer. */
export const FEED_LINKS: readonly SiteLink[] = [
  { href: '/feed.xml', label: 'RSS', type: 'application/rss+xml' },
  { href: '/atom.xml', label: 'Atom', type: 'application/atom+xml' },
  { href: '/feed.json', label: 'JSON Feed', type: 'application/feed+json' },
  { href: '/changelog.xml', label: 'Changelog (RSS)', type: 'application/rss+xml' },
];
