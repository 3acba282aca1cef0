import type { ReactNode } from 'react';

// The public pages' chrome. The CMS (app/cms) has its own header instead of this one.
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
