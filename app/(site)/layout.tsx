import type { ReactNode } from 'react';
import { serif } from './_chrome/fonts';
import { SiteFooter } from './_chrome/site-footer';
import { SiteHeader } from './_chrome/site-header';

// The footer's calendar link reads SITE_URL at request time (./_chrome/site-footer.tsx), outside
// any <Suspense>: a streamed boundary needs JavaScript to be revealed, and every link here must
// work without it. So the public pages block on the server, like the pages themselves do.
export const instant = false;

// The public pages' chrome and reading face. The CMS (app/cms) has its own header and keeps the
// system font (so it does not load this one).
// Metadata image routes stay outside this group (app/posts/[slug]/opengraph-image.tsx): inside a
// route group Next appends a hash to their URL, and the image's URL must not change.
export default function SiteLayout({ children }: { children: ReactNode }) {
  return (
    <div className={`site ${serif.variable}`}>
      <SiteHeader />
      {/* Each page brings its own <main>; the skip link lands here, just before it. */}
      <div id="content" className="site-content" tabIndex={-1}>
        {children}
      </div>
      <SiteFooter />
    </div>
  );
}
