// Images for media tests, made with sharp (no fixtures on disk), and multipart bodies written by
// hand so names with `../`, NUL or 300 characters reach the server exactly as a hostile client sends them.
import sharp from 'sharp';

/** A photo-like JPEG (noise compresses like a photo) with EXIF orientation 6 and GPS in it. */
export async function photoJpeg(width = 1200, height = 800, seed = 1): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = (x >>> 16) & 0xff;
  }
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .blur(3)
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'Test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } } })
    .toBuffer();
}

export async function smallPng(width = 64, height = 48, rgb: [number, number, number] = [20, 120, 200]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

/** 10,000 × 10,000 pixels of one colour: a few hundred kilobytes that would decode to 300 MB. */
export async function pixelBomb(): Promise<Buffer> {
  return sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png({ compressionLevel: 9 }).toBuffer();
}

export interface Part {
  name: string;
  filename?: string;
  /** RFC 5987 `filename*` (UTF-8, percent-encoded): how a client sends bytes a quoted name cannot hold. */
  filenameStar?: string;
  contentType?: string;
  data: Buffer | string;
}

/** A multipart/form-data body (RFC 7578), written byte for byte. */
export function multipart(parts: Part[]): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = `----gazette-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const star = p.filenameStar !== undefined ? `; filename*=utf-8''${p.filenameStar}` : '';
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}${star}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename !== undefined ? `Content-Type: ${p.contentType ?? 'application/octet-stream'}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}
