import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Gazette', template: '%s · Gazette' },
  description: 'Posts, changelog and events from Gazette, served correctly over HTTP.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            Gazette
          </a>
        </header>
        {children}
      </body>
    </html>
  );
}
