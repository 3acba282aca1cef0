// The public site's navigation and feed links, listed once: the site's header and footer
// (app/(site)/layout.tsx) and the proxy's 404/410 pages (./status-document.ts) print these.

export interface SiteLink {
  href: string;
  label: string;
}

export const NAV_LINKS: readonly SiteLink[] = [
  { href: '/', label: 'Posts' },
  { href: '/changelog', label: 'Changelog' },
  { href: '/events', label: 'Events' },
  { href: '/search', label: 'Search' },
  { href: '/docs', label: 'API' },
];

export const FOOTER_LINKS: readonly SiteLink[] = [
  { href: '/feed.xml', label: 'RSS' },
  { href: '/atom.xml', label: 'Atom' },
  { href: '/feed.json', label: 'JSON Feed' },
  { href: '/changelog.xml', label: 'Changelog feed' },
  { href: '/api/events.ics', label: 'Events calendar' },
];
