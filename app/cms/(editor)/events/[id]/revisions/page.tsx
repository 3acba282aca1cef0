import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getEventForCms } from '@/lib/cms/events';
import { RevisionsList } from '../../../revisions-list';

export const metadata: Metadata = { title: 'Revisions' };

export default async function EventRevisionsPage({ params }: { params: Promise<{ id: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getEventForCms(id.data);
  if (!item) notFound();
  return <RevisionsList entity="event" item={item} base="/cms/events" />;
}
