// `?tag=` on the posts list and the posts feeds: a current tag narrows the list; a slug that a
// renamed or merged tag gave up answers 308 to the same URL with the current slug (RFC 9110
// §15.4.9: permanent, and the client keeps the method, HEAD included); anything else is a 400
// naming the parameter. `?author=`: an author slug narrows them too; author slugs never change,
// so an unknown one is simply a 400. The lookups go through the cached readers (no query on a
// warm path).
import { getConfig } from '@/lib/config';
import type { CachePolicyName } from '@/lib/http/cache-policy';
import { lookupTag } from '@/lib/content/posts';
import { authorName } from '@/lib/content/taxonomy';
import { invalidParams } from '@/lib/http/query';
import { permanentRedirect } from '@/lib/http/respond';

/** A redirect to answer with instead, or undefined when the tag (if any) is current. */
export async function tagRedirect(request: Request, tag: string | undefined, policy: CachePolicyName): Promise<Response | undefined> {
  if (!tag) return undefined;
  const found = await lookupTag(tag);
  if (found.kind === 'found') return undefined;
  if (found.kind === 'missing') throw invalidParams([{ name: 'tag', reason: `names no tag: ${tag}` }]);
  // The same request with only the tag replaced (its place among the parameters kept), on the
  // site's public origin as the post redirects use.
  const url = new URL(request.url);
  url.searchParams.set('tag', found.slug);
  return permanentRedirect(`${getConfig().siteUrl}${url.pathname}${url.search}`, policy);
}

/** Fail with 400 naming `author` unless it names an author profile (or is absent). */
export async function checkAuthor(author: string | undefined): Promise<void> {
  if (author !== undefined && (await authorName(author)) === undefined) throw invalidParams([{ name: 'author', reason: `names no author: ${author}` }]);
}
