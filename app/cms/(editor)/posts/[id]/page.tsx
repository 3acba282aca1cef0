import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { takeFlash } from '@/lib/cms/flash';
import { GoneItem } from '../../gone-item';
import { toUtcInput } from '@/lib/cms/forms';
import { getPostForCms } from '@/lib/cms/posts';
import { DeletePostForm } from '../delete-form';
import { PostForm } from '../post-form';

export const metadata: Metadata = { title: 'Edit post' };

export default async function EditPostPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const post = await getPostForCms(id.data);
  if (!post) {
    const gone = await takeFlash('post');
    if (gone) return <GoneItem flash={gone} kind="post" listHref="/cms/posts" />;
    notFound();
  }
  const { saved } = await searchParams;
  const [flash, previewFlash, deleteFlash] = [await takeFlash('post'), await takeFlash('post-preview'), await takeFlash('post-delete')];
  return (
    <main>
      <h1>Edit post</h1>
      <p className="meta">
        <a href={`/cms/posts/${post.id}/preview`}>Preview the saved version</a> · <a href={`/cms/posts/${post.id}/revisions`}>Revisions</a>
        {post.status === 'published' && (
          <>
            {' '}· <a href={`/posts/${post.slug}`}>Public page</a>
          </>
        )}
      </p>
      {/* Remount on every new version so the fields show what was saved. */}
      <PostForm
        key={post.version}
        saved={typeof saved === 'string' ? saved : undefined}
        flash={flash}
        previewFlash={previewFlash}
        initial={{
          id: post.id,
          version: String(post.version),
          title: post.title,
          slug: post.slug,
          summary: post.summary,
          body: post.body,
          tags: post.tags.join(', '),
          author: post.author,
          publishAt: toUtcInput(post.status === 'scheduled' ? post.publishedAt : null),
          status: post.status,
        }}
      />
      <DeletePostForm id={post.id} version={post.version} title={post.title} flash={deleteFlash} />
    </main>
  );
}
