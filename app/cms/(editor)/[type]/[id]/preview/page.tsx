// Draft preview: the public page's look for the saved (possibly unpublished) item. Behind the
// CMS session; CMS responses are private, no-store (proxy.ts), so no CDN keeps a copy. A published
// item with staged edits previews the staged version (what publishing the update would show).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { getItemForCms } from '@/lib/cms/reads';
import { cmsDb } from '@/lib/cms/db';
import { findStaged, stagedItem } from '@/lib/cms/staging';
import { getConfig } from '@/lib/config';
import { renderMarkdown } from '@/lib/content/markdown';
import { typeFrom } from '../../type-param';

export const metadata: Metadata = { title: 'Preview', robots: { index: false } };

export default async function PreviewPage({ params }: { params: Promise<{ type: string; id: string }> }) {
  const type = await typeFrom(params);
  const id = z.uuid().safeParse((await params).id);
  if (!id.success || !type.preview) notFound();
  const item = await getItemForCms(type, id.data);
  if (!item) notFound();
  const staged = await findStaged(await cmsDb(), type, item.id);
  const shown = (staged && stagedItem(type, item, staged)) || item;
  const markdown = type.preview(type.toForm(shown)) ?? '';
  return (
    <main>
      <p className="notice notice-idle" role="status">
        {shown !== item
          ? 'Preview of the unpublished changes; the public still sees the published version until the update is published.'
          : `Preview of the saved ${publicationOf(type, item).status} version.`}{' '}
        <a href={`/cms/${type.segment}/${item.id}`}>Back to editing</a>
      </p>
      <article>
        <h1>{shown.title}</h1>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown, getConfig().siteUrl) }} />
      </article>
    </main>
  );
}
