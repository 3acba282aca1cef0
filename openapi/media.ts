// OpenAPI for media files: /media/{hash}/{name}, the URLs the post JSON and the feeds give.
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { HASH } from '@/lib/media/formats';
import { headerRefs, responses } from './common';

const header = (description: string, example: string) => ({ schema: { type: 'string' as const, example }, description });
const ETAG = header('Strong entity tag: the SHA-256 of the bytes, quoted (RFC 9110 §8.8.3). Usable in If-None-Match and If-Range.', '"5f2b…"');
const CACHE = header('The bytes under a URL never change (RFC 8246).', 'public, max-age=31536000, immutable');
const ACCEPT_RANGES = header('Byte ranges are served (RFC 9110 §14.3).', 'bytes');
const fileHeaders = { ETag: ETAG, 'Cache-Control': CACHE, 'Accept-Ranges': ACCEPT_RANGES, 'Content-Length': header('The size of this body in bytes.', '48213'), ...headerRefs('Access-Control-Allow-Origin') };

const paramsSchema = z.object({
  hash: z.string().regex(HASH).meta({ description: 'SHA-256 of the file\'s bytes, lowercase hex: it alone names the file.', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
  name: z.string().meta({ description: 'A readable name (`harbour-960.webp`). Not checked: any plain segment names the same file.', example: 'harbour-960.webp' }),
});

const image = (description: string) => ({ schema: z.string().meta({ format: 'binary', description }) });
const types = (description: string) => Object.fromEntries(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'].map((t) => [t, image(description)]));

export function registerMedia(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/media/{hash}/{name}',
    operationId: 'getMediaFile',
    summary: 'One image file',
    description:
      'An uploaded image or one of its variants. The type is the stored file\'s (decided from its bytes at upload), never the name\'s. Immutable: cache it for a year. Conditional requests (If-None-Match) answer 304; a single byte range (`Range: bytes=…`, optionally with a strong If-Range) answers 206. A request for several disjoint ranges is answered with the whole file (200). Range is ignored on HEAD (RFC 9110 §14.2).',
    tags: ['Media'],
    request: { params: paramsSchema },
    responses: {
      200: { description: 'The whole file.', headers: fileHeaders, content: types('The image.') },
      206: {
        description: 'The requested byte range (RFC 9110 §15.3.7).',
        headers: { ...fileHeaders, 'Content-Range': header('The range sent and the full size (RFC 9110 §14.4).', 'bytes 0-1023/48213') },
        content: types('The requested bytes of the image.'),
      },
      304: { description: 'Not Modified: the If-None-Match tag is this file\'s. No body.', headers: { ETag: ETAG, 'Cache-Control': CACHE } },
      404: { ...responses.notFound, description: 'No stored file has this hash (or the hash is not 64 lowercase hex digits). Cached briefly.' },
      405: responses.methodNotAllowed,
      416: {
        description: 'No requested range overlaps the file (RFC 9110 §15.5.17). Never cached.',
        headers: { 'Content-Range': header('The full size of the file.', 'bytes */48213') },
        content: responses.notFound.content,
      },
      503: { ...responses.unavailable, description: 'The file cannot be read from the media store just now; retry after `Retry-After` seconds. Never cached.' },
    } satisfies Record<number, ResponseConfig>,
  });
}
