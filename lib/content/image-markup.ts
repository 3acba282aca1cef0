// How post images are marked up, shared by the Markdown renderer and the post page. Pure, with
// type-only imports, so the renderer (used by every reader and the CMS preview) brings no
// database code (lib/media/documents.ts carries drizzle-orm for its SQL fragment).
import type { ImageDoc } from '@/lib/media/documents';

/**
 * The width an image takes in the post column (app/globals.css: .site is 46rem with 1.25rem
 * padding each side, so the column is at most 43.5rem, and the viewport less the padding below).
 */
export const POST_COLUMN_SIZES = '(min-width: 46rem) 43.5rem, calc(100vw - 2.5rem)';

/**
 * The format of an <img>'s own srcset (the fallback after any <source>): the original's, unless
 * that is AVIF, which not every browser or reader decodes; then WebP.
 */
export function fallbackType(doc: ImageDoc): string {
  return doc.type === 'image/avif' && doc.variants.some((v) => v.type === 'image/webp') ? 'image/webp' : doc.type;
}

/** `srcset` of one format's files, narrowest first (as lib/media/documents.ts srcset, without its imports). */
export function srcsetOf(doc: ImageDoc, type: string): string {
  const files = [doc, ...doc.variants].filter((f) => f.type === type).sort((a, b) => a.width - b.width);
  return [...new Map(files.map((f) => [f.width, f])).values()].map((f) => `${f.url} ${f.width}w`).join(', ');
}
