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

// The document only. Each side brings its own chrome: the public site's header in
// app/(site)/layout.tsx, the CMS's in app/cms/cms-header.tsx (a route group adds no URL segment).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
