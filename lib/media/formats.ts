// The image formats Gazette accepts and serves (SPEC §9). Detected from the bytes, never the name;
// every served file's Content-Type comes from this table, so nothing executable is ever served.
export const MEDIA_FORMATS = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  avif: { mime: 'image/avif', ext: 'avif' },
  gif: { mime: 'image/gif', ext: 'gif' },
} as const;

export type MediaFormat = keyof typeof MEDIA_FORMATS;

export function isMediaFormat(value: string): value is MediaFormat {
  return Object.hasOwn(MEDIA_FORMATS, value);
}

/** A SHA-256 in hex: a stored file's key and the first segment of its URL. */
export const HASH = /^[0-9a-f]{64}$/;
