// Uploaded file names are typed by anyone (`../`, NUL, 300 characters, right-to-left marks): the
// name we keep is made of safe characters only, short, and ends in the format's real extension.
import { MEDIA_FORMATS, type MediaFormat } from './formats';

const MAX_STEM = 80;

/** A safe file name for an upload: ASCII letters, digits, `-` and `_`, then `.{ext}` of the detected format. */
export function safeFileName(raw: string, format: MediaFormat): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const stem = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents off: "café" → "cafe"
    .replace(/\.[^.]*$/, '') // the claimed extension goes: the bytes decide the format
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  return `${stem || 'image'}.${MEDIA_FORMATS[format].ext}`;
}

/** The name without its extension, for variant URLs (`harbour-960.webp`). */
export function fileStem(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '') || 'image';
}
