import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getPostForCms } from '@/lib/cms/posts';
import { getConfig } from '@/lib/config';
import { renderMarkdown } from '@/lib/content/markdown';

// Draft preview: the public page's look for the saved (possibly unpublished) post. Behind the
// CMS session; CMS responses are private, no-store (proxy.ts), so no CDN keeps a copy.
export const metadata: Metadata = { title: 'Preview', robots: { index: false } };

export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const post = await getPostForCms(id.data);
  if (!post) notFound();
  return (
    <main>
      <p className="notice notice-idle" role="status">
        Preview of the saved {post.status} version. <a href={`/cms/posts/${post.id}`}>Back to editing</a>
      </p>
      <article>
        <h1>{post.title}</h1>
        <p className="meta">
          {post.author}
          {post.tags.length > 0 && <> · {post.tags.join(', ')}</>}
        </p>
        <div className="post-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(post.body, getConfig().siteUrl) }} />
      </article>
    </main>
  );
}
