// The CMS's own header (the public site's header is not shown here): the skip link first, so
// it is the first Tab stop of every CMS page (WCAG 2.4.1 Bypass Blocks), then the brand, the
// content types from the registry, and the account. Signed out (the sign-in page) it shows the
// brand and the way back to the site only.
import type { ReactNode } from 'react';
import type { Editor } from '@/lib/cms/session';
import { signOutAction } from './login/actions';

export interface CmsNavType {
  segment: string;
  title: string;
}

export function CmsHeader({ editor, types = [] }: { editor?: Editor; types?: CmsNavType[] }) {
  return (
    <>
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <header className="cms-header">
        {editor ? (
          // The brand is the dashboard link, first in the CMS navigation.
          <nav className="cms-nav" aria-label="CMS">
            <a href="/cms" className="brand">
              Gazette CMS
            </a>
            {types.map((t) => (
              <a key={t.segment} href={`/cms/${t.segment}`}>
                {t.title}
              </a>
            ))}
            <a href="/cms/tags">Tags</a>
            <a href="/cms/media">Media</a>
            {editor.role === 'admin' && <a href="/cms/authors">Authors</a>}
            {editor.role === 'admin' && <a href="/cms/editors">Editors</a>}
            {editor.role === 'admin' && <a href="/cms/webhooks">Webhooks</a>}
          </nav>
        ) : (
          <a href="/cms" className="brand">
            Gazette CMS
          </a>
        )}
        <div className="cms-account">
          {editor && (
            <span className="cms-who">
              {editor.name} ({editor.role})
            </span>
          )}
          {editor && <a href="/cms/profile">Profile</a>}
          <a href="/">View site</a>
          {editor && (
            // Signing out leaves the page: with unsaved changes in a form, the editor is asked first
            // (data-leaves-page, read by app/cms/(editor)/[type]/use-leave-guard.ts).
            <form action={signOutAction} data-leaves-page="">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </form>
          )}
        </div>
      </header>
    </>
  );
}

/** The page under the header: the skip link's target (focusable, so focus really moves there). */
export function CmsContent({ children }: { children: ReactNode }) {
  return (
    <div id="content" className="cms-content" tabIndex={-1}>
      {children}
    </div>
  );
}
