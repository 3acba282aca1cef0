import type { Metadata } from 'next';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { PostForm } from '../post-form';

export const metadata: Metadata = { title: 'New post' };

export default async function NewPostPage() {
  const editor = await requireEditor();
  const [flash, previewFlash] = [await takeFlash('post'), await takeFlash('post-preview')];
  return (
    <main>
      <h1>New post</h1>
      <PostForm flash={flash} previewFlash={previewFlash} initial={{ id: '', version: '0', title: '', slug: '', summary: '', body: '', tags: '', author: editor.name, publishAt: '', status: 'draft' }} />
    </main>
  );
}
