// Renders the raster icons from app/icon.svg (the Gazette mark), for Next's metadata file
// conventions: app/favicon.ico (16, 32 and 48 px PNGs in one ICO, for browsers and crawlers that
// ask for /favicon.ico) and app/apple-icon.png (180 px, opaque and full-bleed: iOS rounds the
// corners itself and shows transparency as black). The outputs are committed; run this again
// after changing the SVG: `node --import tsx scripts/make-icons.ts`.
import fs from 'node:fs';
import path from 'node:path';
import icoEndec from 'ico-endec';
import sharp from 'sharp';

const APP = path.resolve(import.meta.dirname, '..', 'app');
const svg = fs.readFileSync(path.join(APP, 'icon.svg'), 'utf8');
// The same drawing on a square background, the mark inset a little for the home-screen tile.
const tile = svg.replace('<rect width="32" height="32" rx="7"', '<rect x="-4" y="-4" width="40" height="40"').replace('viewBox="0 0 32 32"', 'viewBox="-4 -4 40 40"');

const png = (source: string, size: number) =>
  sharp(Buffer.from(source), { density: (72 * size) / 32 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

const sizes = [16, 32, 48];
fs.writeFileSync(path.join(APP, 'favicon.ico'), icoEndec.encode(await Promise.all(sizes.map((s) => png(svg, s)))));
fs.writeFileSync(path.join(APP, 'apple-icon.png'), await png(tile, 180));
console.log('wrote app/favicon.ico (16, 32, 48) and app/apple-icon.png (180)');
