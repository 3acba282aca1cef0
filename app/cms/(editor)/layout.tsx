import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { contentTypes } from '@/lib/cms/registry';
import { requireEditor } from '@/lib/cms/session';
import { editorZoneInfo } from '@/lib/cms/editor-clock';
import { EditorZone } from './editor-zone';
import { signOutAction } from '../login/actions';

export const metadata: Metadata = { title: { default: 'CMS', template: '%s · Gazette CMS' }, robots: { index: false } };

// Blocking, no <Suspense>: CMS forms must work without JavaScript, and streamed Suspense
// content is only revealed by JavaScript. It also makes the session check below run before
// any byte is sent, so its redirect is a real one.
export const instant = false;

// Every page checks the session against the database (proxy.ts only looks for the cookie).
export default async function CmsLayout({ children }: { children: ReactNode }) {
  const editor = await requireEditor();
  return (
    <div className="cms">
      <nav className="cms-nav" aria-label="CMS">
        <a href="/cms">Dashboard</a>
        {contentTypes().map((t) => (
          <a key={t.name} href={`/cms/${t.segment}`}>{t.labels.title}</a>
        ))}
        <a href="/cms/profile">Profile</a>
        <Account editor={editor} />
      </nav>
      <EditorZone value={await editorZoneInfo()}>{children}</EditorZone>
    </div>
  );
}

function Account({ editor }: { editor: Awaited<ReturnType<typeof requireEditor>> }) {
  return (
    <span className="cms-account">
      {editor.role === 'admin' && <a href="/cms/editors">Editors</a>}
      <span>
        {editor.name} ({editor.role})
      </span>
      <form action={signOutAction}>
        <button type="submit" className="link-button">Sign out</button>
      </form>
    </span>
  );
}
