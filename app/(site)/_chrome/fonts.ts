// The reading face: Source Serif 4 (variable weight, Latin subset), self-hosted from its npm package
// through next/font, which preloads it and sizes a local fallback to its metrics. `optional`: a
// font that is not there within the first ~100 ms is not swapped in later on that page, so text
// never reflows under the reader (no layout shift); it is cached for the next page.
import localFont from 'next/font/local';

export const serif = localFont({
  src: [
    { path: '../../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
    { path: '../../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' },
  ],
  display: 'optional',
  variable: '--font-serif',
  fallback: ['Iowan Old Style', 'Charter', 'Georgia', 'Cambria', 'serif'],
  adjustFontFallback: 'Times New Roman',
});
