import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { feedAlternateTypes } from '@/lib/content/site-metadata';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Gazette', template: '%s · Gazette' },
  description: 'Posts, changelog and events from Gazette, served correctly over HTTP.',
  // Feed autodiscovery (RSS Board; RFC 4287 §7 via rel="alternate").
  alternates: { types: feedAlternateTypes },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
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
      </body>
    </html>
  );
}
