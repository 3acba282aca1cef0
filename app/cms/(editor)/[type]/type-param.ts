// The content type a CMS URL names (/cms/{segment}/…), or the not-found page.
import 'server-only';
import { notFound } from 'next/navigation';
import type { AnyContentType } from '@/lib/cms/content-type';
import { contentTypeAt } from '@/lib/cms/registry';

export async function typeFrom(params: Promise<{ type: string }>): Promise<AnyContentType> {
  return contentTypeAt((await params).type) ?? notFound();
}
