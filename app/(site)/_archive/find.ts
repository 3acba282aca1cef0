// The tag and author a page's slug names, for the page and its metadata alike (both read the same
// cached directory, so the second call costs nothing). Unknown: the not-found page; a slug a
// renamed or merged tag gave up: a permanent redirect to the current one.
import { notFound, permanentRedirect } from 'next/navigation';
import { slugSchema } from '@/lib/api/posts';
import { lookupAuthorPage, lookupTagPage, type TaxonomyLookup } from '@/lib/content/taxonomy';

async function find<T>(raw: string, lookup: (slug: string) => Promise<TaxonomyLookup<T>>, base: string): Promise<T> {
  const slug = slugSchema.safeParse(raw);
  if (!slug.success) notFound();
  const found = await lookup(slug.data);
  if (found.kind === 'moved') permanentRedirect(`${base}/${found.slug}`);
  if (found.kind === 'missing') notFound();
  return found.entry;
}

export const findTag = (raw: string) => find(raw, lookupTagPage, '/tags');
export const findAuthor = (raw: string) => find(raw, lookupAuthorPage, '/authors');
