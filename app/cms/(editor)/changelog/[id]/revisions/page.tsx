import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getChangelogForCms } from '@/lib/cms/changelog';
import { RevisionsList } from '../../../revisions-list';

export const metadata: Metadata = { title: 'Revisions' };

export default async function ChangelogRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getChangelogForCms(id.data);
  if (!item) notFound();
  return <RevisionsList entity="changelog" item={item} base="/cms/changelog" />;
}
