import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  cacheComponents: true,
  // Links prefetch the shared App Shell only (the create-next-app default since 16.3).
  partialPrefetching: true,
  // PGlite loads its WASM and data files from its own package directory at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
