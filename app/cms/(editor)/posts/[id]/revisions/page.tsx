import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getPostForCms } from '@/lib/cms/posts';
import { RevisionsList } from '../../../revisions-list';

export const metadata: Metadata = { title: 'Revisions' };

export default async function PostRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getPostForCms(id.data);
  if (!item) notFound();
  return <RevisionsList entity="post" item={item} base="/cms/posts" />;
}
