// The HTML answer of the proxy's status gate (proxy.ts, lib/content/page-status.ts): a 404 or 410
// page for readers and crawlers, with the status on the wire. Written as a string because the
// proxy answers before Next renders anything (it cannot render the app's React tree), so the page
// is small and self-contained: a few inline style rules (CSP allows inline styles) in the theme's
// colours — four of app/globals.css's custom properties, light and dark, copied because the proxy
// cannot link Next's hashed stylesheet — no script, and the site's navigation and feeds from
// lib/site/navigation.ts.
import { FEED_LINKS, NAV_LINKS, type SiteLink } from './navigation';

export type GateSection = 'posts' | 'tags' | 'authors';

const NOUN: Record<GateSection, string> = { posts: 'post', tags: 'tag', authors: 'author' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Title and explanation for a missing (404) or deleted (410) page. */
function wording(status: 404 | 410, section: GateSection): { title: string; text: string } {
  const noun = NOUN[section];
  if (status === 410) return { title: `This ${noun} was removed`, text: `Its editors deleted it, and it will not come back at this address.` };
  return { title: 'Page not found', text: `No published ${noun} has this address. It may never have existed, or it is not published yet.` };
}

const STYLE = `
:root{color-scheme:light dark;--bg:#fdfcfa;--fg:#1d1c1a;--accent:#0a58a8;--rule:#c9c2b5}
@media (prefers-color-scheme:dark){:root{--bg:#141517;--fg:#e7e5e0;--accent:#8ab8f5;--rule:#4a4e55}}
*{box-sizing:border-box}a{color:var(--accent)}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 ui-serif,Georgia,"Times New Roman",serif}
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem 1.25rem}
header,footer{font-family:system-ui,sans-serif;font-size:.95rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;border-bottom:1px solid var(--rule)}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg);margin-right:auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
main{padding-top:2.5rem;padding-bottom:3rem}h1{font-size:2rem;line-height:1.2;margin:0 0 .75rem}
.code{font-family:system-ui,sans-serif;margin:0}footer{border-top:1px solid var(--rule)}`;

const links = (items: readonly SiteLink[]) =>
  `<ul>${items.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`;

/** The complete document: status, what happened, and where to go instead. */
export function statusDocument(status: 404 | 410, section: GateSection): string {
  const { title, text } = wording(status, section);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Gazette</title><link rel="icon" href="/favicon.ico"><style>${STYLE}</style></head>
<body><header><a class="brand" href="/">Gazette</a><nav aria-label="Site">${links(NAV_LINKS)}</nav></header>
<main><p class="code">${status === 410 ? '410 Gone' : '404 Not Found'}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>
<p><a href="/">Latest posts</a> · <a href="/search">Search</a></p></main>
<footer><nav aria-label="Feeds">${links([...FEED_LINKS, { href: '/api/events.ics', label: 'Events calendar' }])}</nav></footer></body></html>`;
}
