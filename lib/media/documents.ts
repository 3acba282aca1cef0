// How a stored image reaches readers: its URLs and the JSON partners get (SPEC §9). One query
// fragment reads an image with its files beside any row that names one (a post's cover), so a
// reader stays one query; `imageDocument` turns that into absolute URLs.
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isMediaFormat, MEDIA_FORMATS, type MediaFormat } from './formats';
import { fileStem } from './names';

/** An image as one query reads it (`storedImage`). */
export interface StoredImage {
  id: string;
  fileName: string;
  alt: string;
  files: { hash: string; format: MediaFormat; width: number; height: number; bytes: number; original: boolean }[];
}

export interface ImageFileDoc {
  url: string;
  type: string;
  width: number;
  height: number;
  bytes: number;
}

/** The image in the API and feeds: the original and every variant, absolute URLs. */
export interface ImageDoc extends ImageFileDoc {
  alt: string;
  variants: ImageFileDoc[];
}

/** The path of one file of an image: /media/{hash}/{name}. The name is for people; the hash decides. */
export function mediaPath(file: { hash: string; format: MediaFormat; width: number; original?: boolean }, fileName: string): string {
  const stem = fileStem(fileName);
  return `/media/${file.hash}/${file.original ? stem : `${stem}-${file.width}`}.${MEDIA_FORMATS[file.format].ext}`;
}

/** The image named by `id` with its files, as JSON, for a select list (null when none). */
export function storedImage(id: PgColumn | SQL): SQL<StoredImage | null> {
  return sql<StoredImage | null>`(select json_build_object(
      'id', m.id, 'fileName', m.file_name, 'alt', m.alt,
      'files', (select json_agg(json_build_object('hash', f.hash, 'format', f.format, 'width', f.width, 'height', f.height, 'bytes', f.bytes, 'original', f.original) order by f.original desc, f.width, f.format)
                from media_files f where f.media_id = m.id))
    from media m where m.id = ${id})`;
}

export function imageDocument(image: StoredImage, siteUrl: string, alt?: string): ImageDoc {
  const doc = (f: StoredImage['files'][number]): ImageFileDoc => ({
    url: `${siteUrl}${mediaPath(f, image.fileName)}`,
    type: MEDIA_FORMATS[f.format].mime,
    width: f.width,
    height: f.height,
    bytes: f.bytes,
  });
  const original = image.files.find((f) => f.original) ?? image.files[0];
  if (!original) throw new Error(`image ${image.id} has no files`);
  return { ...doc(original), alt: alt?.trim() || image.alt, variants: image.files.filter((f) => !f.original).map(doc) };
}

/** `srcset` of one format's files (for <picture> sources and <img>). */
export function srcset(doc: ImageDoc, type: string): string {
  const files = [doc, ...doc.variants].filter((f) => f.type === type).sort((a, b) => a.width - b.width);
  return [...new Map(files.map((f) => [f.width, f])).values()].map((f) => `${f.url} ${f.width}w`).join(', ');
}

/** The file to show where one file is wanted (Open Graph, feed enclosure): about `width` wide, in the original's type. */
export function fileNear(doc: ImageDoc, width: number, types: string[] = [doc.type]): ImageFileDoc {
  const candidates = [doc, ...doc.variants].filter((f) => types.includes(f.type));
  const fits = candidates.filter((f) => f.width >= width).sort((a, b) => a.width - b.width);
  return fits[0] ?? candidates.sort((a, b) => b.width - a.width)[0] ?? doc;
}

/** An item as the CMS shows and picks it (library grid, cover field, upload answers): relative URLs. */
export interface MediaSummary {
  id: string;
  fileName: string;
  alt: string;
  width: number;
  height: number;
  /** The original's path (/media/{hash}/{name}). */
  url: string;
  /** A small WebP for grids and pickers. */
  thumbUrl: string;
  /** What "Insert into body" writes: ![alt](url). */
  markdown: string;
}

export function mediaSummary(item: { id: string; fileName: string; alt: string; width: number; height: number; files: { hash: string; format: string; width: number; height: number; bytes: number; original: boolean }[] }): MediaSummary {
  const files = item.files.filter((f): f is StoredImage['files'][number] => isMediaFormat(f.format));
  const original = files.find((f) => f.original) ?? files[0];
  if (!original) throw new Error(`media ${item.id} has no files`);
  const thumb = files.filter((f) => f.format === 'webp').sort((a, b) => a.width - b.width)[0] ?? original;
  const url = mediaPath(original, item.fileName);
  // Backslash-escaped so the alt stays one image's text in CommonMark: brackets end it, and code
  // spans, raw HTML and emphasis would otherwise take precedence over the link (§6).
  const alt = item.alt.replace(/[[\]\\`<>*_]/g, '\\$&').replace(/\s+/g, ' ');
  return { id: item.id, fileName: item.fileName, alt: item.alt, width: item.width, height: item.height, url, thumbUrl: mediaPath(thumb, item.fileName), markdown: `![${alt}](${url})` };
}
