// Feed autodiscovery links every HTML page carries (pages that set their own `alternates`
// replace the layout's, so they spread these in).
export const feedAlternateTypes = {
  'application/rss+xml': [{ url: '/feed.xml', title: 'Gazette (RSS)' }],
  'application/atom+xml': [{ url: '/atom.xml', title: 'Gazette (Atom)' }],
  'application/feed+json': [{ url: '/feed.json', title: 'Gazette (JSON Feed)' }],
};
