// /manifest.webmanifest (Next metadata route): the name, colours and icons a browser uses when
// the site is added to a home screen. Static: nothing in it depends on the request or SITE_URL.
import type { MetadataRoute } from 'next';

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Gazette',
    short_name: 'Gazette',
    description: 'Posts, changelog and events from Gazette, served correctly over HTTP.',
    start_url: '/',
    display: 'browser',
    background_color: '#fdfcfa',
    theme_color: '#0a58a8',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/apple-icon.png', sizes: '180x180', type: 'image/png' },
    ],
  };
}
