import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { feedAlternateTypes } from '@/lib/content/site-metadata';
import './globals.css';

export const metadata: Metadata = {
  applicationName: 'Gazette',
  title: { default: 'Gazette', template: '%s · Gazette' },
  description: 'Posts, changelog and events from Gazette, served correctly over HTTP.',
  // Feed autodiscovery (RSS Board; RFC 4287 §7 via rel="alternate").
  alternates: { types: feedAlternateTypes },
};

// Light and dark follow the reader's system (prefers-color-scheme, app/globals.css); the browser
// colours its own UI (address bar, form controls) to match.
export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fdfcfa' },
    { media: '(prefers-color-scheme: dark)', color: '#141517' },
  ],
  colorScheme: 'light dark',
};

// The document only. Each side brings its own chrome: the public site's header in
// app/(site)/layout.tsx, the CMS's in app/cms/cms-header.tsx (a route group adds no URL segment).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
