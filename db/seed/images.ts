// Demo images, drawn at seed time: an SVG written here, rasterised by sharp (no network, no files
// in the repository). Shapes only, no text, so the pixels do not depend on the machine's fonts;
// the same sharp gives the same bytes, so re-seeding finds the same media rows (by source hash).
import sharp from 'sharp';

export interface SeedImage {
  /** Referenced by SeedPost.cover and by `media:{key}` links in a seed body. */
  key: string;
  fileName: string;
  alt: string;
  /** Drawn as a flat scene in this hue; a pattern index varies the shapes. */
  hue: number;
  pattern: number;
  width: number;
  height: number;
}

/** Covers at the Open Graph card's size (1200×630), so the card can be the original itself. */
const cover = (key: string, hue: number, pattern: number, alt: string): SeedImage => ({ key, fileName: `${key}.jpg`, alt, hue, pattern, width: 1200, height: 630 });

export const seedImages: SeedImage[] = [
  cover('cover-http', 212, 0, 'Blue cards stacked in layers, each marked with a small round seal.'),
  cover('cover-caching', 28, 1, 'Orange rings spreading outward from a bright centre.'),
  cover('cover-feeds', 140, 2, 'Green waves rolling across the frame from left to right.'),
  cover('cover-data', 268, 3, 'A violet grid of squares with a few of them lit.'),
  { key: 'diagram-cache-layers', fileName: 'cache-layers.png', alt: 'Three stacked bars, browser, CDN and origin, from narrow at the top to wide at the bottom.', hue: 212, pattern: 4, width: 1200, height: 600 },
];

/** A post's cover when its seed entry names none: by its first tag (release notes have none). */
export const coverByTag: Record<string, string | null> = {
  http: 'cover-http',
  nextjs: 'cover-http',
  caching: 'cover-caching',
  feeds: 'cover-feeds',
  postgres: 'cover-data',
  calendars: 'cover-data',
  i18n: 'cover-data',
  'release-notes': null,
};

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h % 360},${s}%,${l}%)`;
}

/** The SVG of one demo image: a gradient ground and one of five simple motifs. */
export function seedImageSvg(image: SeedImage): string {
  const { width: w, height: h, hue } = image;
  const shapes: string[] = [];
  switch (image.pattern) {
    case 0: // stacked cards
      for (let i = 0; i < 5; i++) {
        const x = w * 0.18 + i * w * 0.1;
        const y = h * 0.18 + i * h * 0.08;
        shapes.push(`<rect x="${x}" y="${y}" width="${w * 0.38}" height="${h * 0.42}" rx="24" fill="${hsl(hue, 70, 30 + i * 10)}" stroke="${hsl(hue, 40, 92)}" stroke-width="4"/>`);
        shapes.push(`<circle cx="${x + w * 0.34}" cy="${y + h * 0.08}" r="${h * 0.035}" fill="${hsl(hue + 40, 90, 70)}"/>`);
      }
      break;
    case 1: // rings
      for (let i = 7; i > 0; i--) shapes.push(`<circle cx="${w * 0.62}" cy="${h * 0.5}" r="${i * h * 0.09}" fill="${hsl(hue, 75, 20 + i * 9)}"/>`);
      break;
    case 2: // waves
      for (let i = 0; i < 6; i++) {
        const y = h * (0.3 + i * 0.12);
        shapes.push(`<path d="M0 ${y} C ${w * 0.25} ${y - h * 0.15}, ${w * 0.5} ${y + h * 0.15}, ${w} ${y - h * 0.05} L ${w} ${h} L 0 ${h} Z" fill="${hsl(hue, 60, 25 + i * 9)}" fill-opacity="0.8"/>`);
      }
      break;
    case 3: // grid
      for (let r = 0; r < 5; r++)
        for (let c = 0; c < 9; c++) {
          const lit = (r * 9 + c) % 7 === 3;
          shapes.push(`<rect x="${w * 0.08 + c * w * 0.095}" y="${h * 0.12 + r * h * 0.155}" width="${w * 0.08}" height="${h * 0.13}" rx="10" fill="${lit ? hsl(hue + 30, 90, 65) : hsl(hue, 45, 35)}"/>`);
        }
      break;
    default: // a diagram: three bars, narrow to wide (browser, CDN, origin)
      for (let i = 0; i < 3; i++) {
        const bw = w * (0.35 + i * 0.2);
        shapes.push(`<rect x="${(w - bw) / 2}" y="${h * (0.14 + i * 0.27)}" width="${bw}" height="${h * 0.2}" rx="18" fill="${hsl(hue + i * 40, 65, 45)}"/>`);
      }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hsl(hue, 55, 14)}"/><stop offset="1" stop-color="${hsl(hue + 25, 60, 28)}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
${shapes.join('\n')}
</svg>`;
}

/** The image's bytes as an editor would upload them: JPEG for photos-like covers, PNG for the diagram. */
export async function renderSeedImage(image: SeedImage): Promise<Buffer> {
  const pipeline = sharp(Buffer.from(seedImageSvg(image)), { density: 72 });
  return image.fileName.endsWith('.png') ? pipeline.png({ compressionLevel: 9, palette: true }).toBuffer() : pipeline.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}
