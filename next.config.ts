import path from 'node:path';
import type { NextConfig } from 'next';

// Content-Security-Policy for every HTML page. Next's pages carry inline bootstrap scripts and
// their prerendered shells cannot carry a per-request nonce, so scripts are limited to this
// origin plus inline; user content cannot add scripts because it is sanitised to an allowlist
// without <script>, event handlers or javascript: URLs (lib/content/markdown.ts).
const csp = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

const nextConfig: NextConfig = {
  cacheComponents: true,
  // 'use cache' entries and tag invalidations: a local copy, shared through Redis when REDIS_URL
  // is set at run time (lib/cache/shared-cache.mjs). Next loads the file itself, unbundled.
  cacheHandlers: { default: path.resolve(process.cwd(), 'lib/cache/shared-cache.mjs') },
  // Links prefetch the shared App Shell only (the create-next-app default since 16.3).
  partialPrefetching: true,
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'ioredis'],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Larger than the 1 MB body limit the forms enforce, so an oversized body reaches the
    // action and gets a field error instead of a failed request.
    serverActions: { bodySizeLimit: '4mb' },
  },
  async headers() {
    return [
      {
        source: '/cms/:path*',
        headers: [
          // Editors' pages and previews are personal: never stored by a shared cache.
          { key: 'Cache-Control', value: 'private, no-store' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Content-Security-Policy', value: csp("'none'") },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
      {
        // Not /media: a header set here cannot be replaced by a route handler's (Next keeps the
        // first value), and media files carry a stricter policy of their own
        // (app/media/[hash]/[name]/route.ts).
        source: '/((?!cms|media/).*)',
        headers: [
          { key: 'Content-Security-Policy', value: csp("'self'") },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
