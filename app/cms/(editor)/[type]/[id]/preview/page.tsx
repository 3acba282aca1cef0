// Draft preview: the public page's look for the saved (possibly unpublished) item. Behind the
// CMS session; CMS responses are private, no-store (proxy.ts), so no CDN keeps a copy.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { getItemForCms } from '@/lib/cms/reads';
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
  const markdown = type.preview(type.toForm(item)) ?? '';
  return (
    <main>
      <p className="notice notice-idle" role="status">
        Preview of the saved {publicationOf(type, item).status} version. <a href={`/cms/${type.segment}/${item.id}`}>Back to editing</a>
      </p>
      <article>
        <h1>{item.title}</h1>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown, getConfig().siteUrl) }} />
      </article>
    </main>
  );
}
