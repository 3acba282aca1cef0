// The public pages every design check visits (tests/e2e/site-design.test.ts: axe in light and
// dark, landmarks, layout shift, no sideways scroll at 390 px, screenshots). One list: add a page
// here (a tag, an author, a search) and every check covers it.
export interface PublicPage {
  /** Names the screenshots: site-{name}-{scheme}-{width}.png. */
  name: string;
  path: string;
}

export const PUBLIC_PAGES: readonly PublicPage[] = [
  { name: 'home', path: '/' },
  // The demo post with a cover image, a table, a code block and a blockquote.
  { name: 'post', path: '/posts/rss-vs-atom' },
  { name: 'changelog', path: '/changelog' },
  { name: 'events', path: '/events' },
  { name: 'docs', path: '/docs' },
  { name: 'search', path: '/search?q=postgres' },
  { name: 'tag', path: '/tags/http' },
  { name: 'author', path: '/authors/maya-okonkwo' },
];
