// GET /media/{hash}/{name} – one stored image file, named by the SHA-256 of its bytes; 304s and Range
import { publicRoute } from '@/lib/api/route';
import { HttpError } from '@/lib/http/problem';
import { respondWithBytes } from '@/lib/http/range';
import { cachedServedFile, checkServedFile, readServedFile } from '@/lib/media/files';
import { HASH } from '@/lib/media/formats';

// Said on every answer about a file (next.config's page policy is replaced here):
// - the type comes from the row, decided by the bytes at upload; nosniff keeps browsers to it;
// - opened as a document, a file runs nothing and reaches nothing (`sandbox`, `default-src 'none'`),
//   whatever a crafted image might be sniffed as by an old client;
// - inline: shown, not downloaded, when opened on its own.
const FILE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'content-disposition': 'inline',
};

/** The name is for people (`harbour-960.webp`) and decides nothing, but it must be one plain segment. */
const plainSegment = (name: string) => name.length > 0 && name.length <= 255 && name !== '.' && name !== '..' && !/[\x00-\x1f\x7f/\\]/.test(name);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute<{ hash: string; name: string }>(async (request, { hash, name }) => {
  const file = HASH.test(hash) && plainSegment(name) ? await cachedServedFile(hash) : null;
  if (!file) throw new HttpError(404, 'No media file has this address.');
  return respondWithBytes(request, {
    // Strong (RFC 9110 §8.8.3): the bytes under a hash never change, and images are not
    // compressed on the way out, so every response for this URL carries exactly these bytes.
    etag: `"${hash}"`,
    contentType: file.contentType,
    size: file.bytes,
    policy: 'immutable',
    headers: FILE_HEADERS,
    open: (range) => readServedFile(hash, range),
    check: () => checkServedFile(hash),
  });
});
