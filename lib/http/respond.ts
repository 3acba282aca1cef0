// What a public route's handler answers with: the negotiated representation (RFC 9110 §12.5.1),
// 200 or 304 with the validators (§8.8, §13), or a permanent redirect.
import { cachePolicyHeaders, type CachePolicyName } from './cache-policy';
import { isNotModified } from './conditional';
import { negotiateMediaType } from './negotiate';
import { HttpError } from './problem';
import type { LazyRepresentation, Representation } from './representation';
import { httpDate } from './validators';

/** Choose a representation, or fail with 406 listing what is available (RFC 9110 §15.5.7). */
export function negotiate<T extends string>(request: Request, available: readonly T[]): T {
  const chosen = negotiateMediaType(request.headers.get('accept'), available);
  if (!chosen) {
    throw new HttpError(406, `None of the requested media types is available. Available: ${available.join(', ')}.`, {
      available: [...available],
    });
  }
  return chosen as T;
}

/**
 * Answer with a representation: 200, or 304 when the client's copy is current. The 304 carries
 * the same ETag, Last-Modified, Cache-Control and Vary as the 200 would (RFC 9110 §15.4.5) and
 * never loads a lazy representation's body; a 200 loads it once.
 */
export async function represent(request: Request, rep: Representation | LazyRepresentation, policy: CachePolicyName): Promise<Response> {
  const lastModified = rep.lastModified ? new Date(rep.lastModified) : undefined;
  if (isNotModified(request.headers, { etag: rep.etag, lastModified })) {
    return new Response(null, { status: 304, headers: validatorHeaders(rep, policy) });
  }
  // The loaded representation can be newer than the reference (changed in between): its own
  // headers go with its body.
  const full = 'load' in rep ? await rep.load() : rep;
  // A Uint8Array is a valid body; TS 5.9's DOM lib narrows BodyInit to ArrayBuffer-backed views.
  return new Response(full.body as BodyInit, { status: 200, headers: { 'content-type': full.contentType, ...validatorHeaders(full, policy) } });
}

function validatorHeaders(rep: Omit<Representation, 'body'>, policy: CachePolicyName): Record<string, string> {
  const headers: Record<string, string> = {
    etag: rep.etag,
    ...cachePolicyHeaders(policy),
    ...(rep.lastModified ? { 'last-modified': httpDate(new Date(rep.lastModified)) } : {}),
  };
  for (const [name, value] of Object.entries(rep.headers ?? {})) if (value !== undefined) headers[name] = value;
  return headers;
}

/** A permanent redirect that keeps the method (RFC 9110 §15.4.9). */
export function permanentRedirect(location: string, policy: CachePolicyName): Response {
  return new Response(null, { status: 308, headers: { location, ...cachePolicyHeaders(policy) } });
}
