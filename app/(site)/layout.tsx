import type { ReactNode } from 'react';

// The public pages' chrome. The CMS (app/cms) has its own header instead of this one.
// Metadata image routes stay outside this group (app/posts/[slug]/opengraph-image.tsx): inside a
// route group Next appends a hash to their URL, and the image's URL must not change.
export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <div className="site">
      <header className="site-header">
        <a href="/" className="brand">
          Gazette
        </a>
        <nav>
          <a href="/changelog">Changelog</a> · <a href="/events">Events</a> · <a href="/docs">API</a> ·{' '}
          <a href="/feed.xml">RSS</a>
        </nav>
      </header>
      {children}
    </div>
  );
}
