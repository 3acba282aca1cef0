import type { Metadata } from 'next';
import { requireEditor } from '@/lib/cms/session';
import { PostForm } from '../post-form';

export const metadata: Metadata = { title: 'New post' };

export default async function NewPostPage() {
  const editor = await requireEditor();
  return (
    <main>
      <h1>New post</h1>
      <PostForm initial={{ id: '', version: '0', title: '', slug: '', summary: '', body: '', tags: '', author: editor.name, publishAt: '', status: 'draft' }} />
    </main>
  );
}
