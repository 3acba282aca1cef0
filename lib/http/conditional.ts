// Conditional requests (RFC 9110 §13), evaluated in the order of §13.2.2, only for a response
// that would otherwise be 200 (the caller guarantees that) to a GET or HEAD.
import { parseHttpDate } from './validators';

/** Opaque tags of an If-None-Match list, or '*' (§13.1.2). Malformed members are skipped. */
export function parseEntityTagList(header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  const tags: string[] = [];
  // entity-tag = [ W/ ] DQUOTE *etagc DQUOTE, members separated by commas (§8.8.3).
  for (const match of header.matchAll(/(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/g)) tags.push(match[1]!);
  return tags;
}

function opaque(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

export interface Validators {
  etag: string;
  lastModified?: Date;
}

/**
 * True when the client's cached copy is current and the answer is 304 (§13.1.1, §13.1.3):
 * - If-None-Match, when present, decides alone, with weak comparison (§8.8.3.2);
 * - otherwise If-Modified-Since, when the resource has a modification time.
 * A request's `Cache-Control: no-cache` does not change this: it asks caches to revalidate,
 * and a 304 is exactly that revalidation (RFC 9111 §5.2.1.4).
 */
export function isNotModified(headers: Headers, validators: Validators): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    const list = parseEntityTagList(ifNoneMatch);
    if (list === '*') return true; // the resource exists: "*" matches any current representation
    const ours = opaque(validators.etag);
    return list.some((tag) => tag === ours);
  }
  const since = parseHttpDate(headers.get('if-modified-since'));
  if (since && validators.lastModified) {
    // HTTP dates have one-second resolution: compare whole seconds.
    return Math.floor(validators.lastModified.getTime() / 1000) <= Math.floor(since.getTime() / 1000);
  }
  return false;
}
