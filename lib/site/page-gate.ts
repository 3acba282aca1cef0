// The proxy's status gate (proxy.ts): a page about one post, tag or author answers 404, 410 or 308
// on the wire before Next renders it (why the page cannot: lib/content/page-status.ts).
import 'server-only';
import { getConfig } from '@/lib/config';
import { pageOf, pageStatus, type PageStatus } from '@/lib/content/page-status';
import { cachePolicyHeaders, errorPolicy } from '@/lib/http/cache-policy';
import { permanentRedirect } from '@/lib/http/respond';
import { statusDocument } from './status-document';

/** The answer for a GET or HEAD of a gated page that is not there; undefined lets the page render. */
export async function gatePage(method: string, pathname: string, search: string): Promise<Response | undefined> {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const page = pageOf(pathname);
  if (!page) return undefined;
  let status: PageStatus | undefined;
  try {
    status = await pageStatus(pathname);
  } catch {
    // The database is unreachable: let the page render; its own error handling answers (503).
    return undefined;
  }
  if (!status || status.kind === 'found') return undefined;
  // RFC 9110 §15.4.9: 308 keeps the method; the query (a page cursor) goes along. Absolute, from
  // SITE_URL (never the Host header): Next refuses a relative Location from a proxy, and itself
  // shortens a same-origin one to a path (§10.2.2 allows either).
  if (status.kind === 'moved') return permanentRedirect(`${getConfig().siteUrl}${status.path}${search}`, 'post');
  // RFC 9110 §15.5.5 (404) and §15.5.11 (410: gone for good, so crawlers drop it at once).
  const code = status.kind === 'gone' ? 410 : 404;
  return new Response(method === 'HEAD' ? null : statusDocument(code, page.section), {
    status: code,
    headers: { 'content-type': 'text/html; charset=utf-8', ...cachePolicyHeaders(errorPolicy(code)) },
  });
}
