// Query parameters of the feeds: an optional tag and author (posts feeds) and the RFC 5005 page cursor.
import { z } from 'zod';
import { decodeCursor, slugSchema, type Cursor } from './posts';
import { invalidParams } from '@/lib/http/query';

export const feedQuerySchema = z.object({
  tag: slugSchema.optional().meta({ description: 'Only posts with this tag.' }),
  author: slugSchema.optional().meta({ description: 'Only posts by this author (an author slug, as /api/authors lists them).' }),
  cursor: z.string().max(200).optional().meta({ description: 'Opaque page cursor from the feed\'s rel="next" link / next_url.' }),
});

export const changelogQuerySchema = feedQuerySchema.pick({ cursor: true });

/** Decode a cursor parameter, or fail with 400 naming it. */
export function feedCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  const cursor = decodeCursor(value);
  if (!cursor) throw invalidParams([{ name: 'cursor', reason: 'is not a cursor this feed issued' }]);
  return cursor;
}
