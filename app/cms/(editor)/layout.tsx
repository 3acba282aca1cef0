import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { contentTypes } from '@/lib/cms/registry';
import { requireEditor } from '@/lib/cms/session';
import { editorZone } from '@/lib/cms/editor-clock';
import { CmsContent, CmsHeader } from '../cms-header';
import { EditorZone } from './editor-zone';

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
      <CmsHeader editor={editor} types={contentTypes().map((t) => ({ segment: t.segment, title: t.labels.title }))} />
      <CmsContent>
        <EditorZone value={await editorZone()}>{children}</EditorZone>
      </CmsContent>
    </div>
  );
}
