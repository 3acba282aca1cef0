import type { Metadata } from 'next';
import { takeFlash } from '@/lib/cms/flash';
import { ChangelogForm } from '../changelog-form';

export const metadata: Metadata = { title: 'New changelog entry' };

export default async function NewChangelogPage() {
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts).
  const [flash, previewFlash] = [await takeFlash('changelog:'), await takeFlash('changelog-preview:')];
  return (
    <main>
      <h1>New changelog entry</h1>
      <ChangelogForm
        flash={flash}
        previewFlash={previewFlash}
        initial={{ id: '', version: '0', title: '', body: '', category: '', productVersion: '', publishAt: '', status: 'draft' }}
      />
    </main>
  );
}
