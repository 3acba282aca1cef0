import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getChangelogForCms } from '@/lib/cms/changelog';
import { takeFlash } from '@/lib/cms/flash';
import { GoneItem } from '../../gone-item';
import { toUtcInput } from '@/lib/cms/forms';
import { ChangelogForm } from '../changelog-form';
import { DeleteChangelogForm } from '../delete-form';

export const metadata: Metadata = { title: 'Edit changelog entry' };

export default async function EditChangelogPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const entry = await getChangelogForCms(id.data);
  if (!entry) {
    const gone = await takeFlash(`changelog:${id.data}`);
    if (gone) return <GoneItem flash={gone} kind="changelog entry" listHref="/cms/changelog" />;
    notFound();
  }
  const { saved } = await searchParams;
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts); only one of them matches.
  const flash = await takeFlash(`changelog:${entry.id}`);
  const previewFlash = await takeFlash(`changelog-preview:${entry.id}`);
  const deleteFlash = await takeFlash(`changelog-delete:${entry.id}`);
  return (
    <main>
      <h1>Edit changelog entry</h1>
      <p className="meta">
        <a href={`/cms/changelog/${entry.id}/revisions`}>Revisions</a>
        {entry.status === 'published' && (
          <>
            {' '}· <a href={`/changelog#${entry.id}`}>Public changelog</a>
          </>
        )}
      </p>
      {/* Remount on every new version so the fields show what was saved. */}
      <ChangelogForm
        key={entry.version}
        saved={typeof saved === 'string' ? saved : undefined}
        flash={flash}
        previewFlash={previewFlash}
        initial={{
          id: entry.id,
          version: String(entry.version),
          title: entry.title,
          body: entry.body,
          category: entry.category,
          productVersion: entry.productVersion ?? '',
          publishAt: toUtcInput(entry.status === 'scheduled' ? entry.publishedAt : null),
          status: entry.status,
        }}
      />
      <DeleteChangelogForm id={entry.id} version={entry.version} title={entry.title} flash={deleteFlash} />
    </main>
  );
}
