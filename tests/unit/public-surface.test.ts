// The public surface is listed once (lib/http/public-surface.ts). These tests hold that list
// against what actually serves it: the route, page and metadata files under app/, and the
// OpenAPI document generated from openapi/. Skipped on purpose, each with its reason:
// OUTSIDE_SURFACE (the CMS, the benchmark routes, the cron route and the /api catch-all).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_EVERYWHERE, allowFor } from '@/lib/http/allow';
import { answersItsOwnMethods, isCmsPath, isProtocolRoute, OUTSIDE_SURFACE, PUBLIC_SURFACE, surfaceEntry, surfacePaths } from '@/lib/http/public-surface';
import { buildOpenApiDocument } from '@/openapi/registry';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'app');
/** `/x/**` covers /x and everything below it; any other pattern only itself. */
const covers = (pattern: string, url: string) =>
  pattern.endsWith('/**') ? url === pattern.slice(0, -3) || url.startsWith(pattern.slice(0, -2)) : url === pattern;
const outside = (url: string) => OUTSIDE_SURFACE.some(({ path: p }) => covers(p, url));

type Found = { url: string; file: string; page: boolean };

/** URL templates of the files Next serves: route.ts, page.tsx and the metadata conventions. */
function servedUrls(): Found[] {
  const found: Found[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Private folders (_x) are not routes; route groups ((x)) add no segment.
        if (entry.name.startsWith('_')) continue;
        const group = /^\(.*\)$/.test(entry.name);
        walk(full, group ? segments : [...segments, entry.name.replace(/^\[(.+)\]$/, '{$1}')]);
        continue;
      }
      const url = (...extra: string[]) => `/${[...segments, ...extra].join('/')}`;
      const file = path.relative(ROOT, full);
      if (/^route\.tsx?$/.test(entry.name)) found.push({ url: url(), file, page: false });
      else if (/^page\.tsx?$/.test(entry.name)) found.push({ url: url(), file, page: true });
      else if (/^opengraph-image\.tsx?$/.test(entry.name)) found.push({ url: url('opengraph-image'), file, page: false });
      else if (segments.length === 0 && entry.name === 'sitemap.ts') found.push({ url: '/sitemap.xml', file, page: false });
      else if (segments.length === 0 && entry.name === 'robots.ts') found.push({ url: '/robots.txt', file, page: false });
      // Static icon files keep their name; manifest.ts is served as /manifest.webmanifest.
      else if (segments.length === 0 && /^(favicon\.ico|(apple-)?icon\.(svg|png|ico|jpe?g))$/.test(entry.name)) found.push({ url: url(entry.name), file, page: false });
      else if (segments.length === 0 && entry.name === 'manifest.ts') found.push({ url: '/manifest.webmanifest', file, page: false });
    }
  };
  walk(APP, []);
  return found.filter((f) => !outside(f.url));
}

describe('the public surface list', () => {
  const served = servedUrls();

  it('names every public route, page and metadata file under app/, with the right kind', () => {
    const listed = new Map<string, string>(PUBLIC_SURFACE.map((e) => [e.path, e.kind]));
    for (const f of served) {
      expect(listed.has(f.url), `${f.file} serves ${f.url}, which lib/http/public-surface.ts does not list`).toBe(true);
      expect(listed.get(f.url) === 'page', `${f.url}: a page file is kind 'page', nothing else is`).toBe(f.page);
    }
  });

  it('lists only paths that a file under app/ serves', () => {
    const urls = new Set(served.map((f) => f.url));
    for (const entry of PUBLIC_SURFACE) expect(urls.has(entry.path), `${entry.path} is listed but no file serves it`).toBe(true);
  });

  it('leaves out only what app/ really serves: the CMS, the benchmark and cron routes, the /api catch-all', () => {
    const all: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? prefix : `${prefix}/${e.name.replace(/^\[(.+)\]$/, '{$1}')}`);
        else if (/^(route|page)\.tsx?$/.test(e.name)) all.push(prefix || '/');
        else if (prefix === '' && /^(favicon\.ico|(apple-)?icon\.(svg|png))$/.test(e.name)) all.push(`/${e.name}`);
        else if (prefix === '' && e.name === 'manifest.ts') all.push('/manifest.webmanifest');
      }
    };
    walk(APP, '');
    for (const { path: p } of OUTSIDE_SURFACE) expect(all.some((url) => covers(p, url)), `${p} is left out, but nothing under app/ serves it`).toBe(true);
    expect(answersItsOwnMethods('/api/posts')).toBe(true);
    expect(answersItsOwnMethods('/api/cron/publish')).toBe(false);
  });

  it('lists exactly the paths of the OpenAPI document as its OpenAPI entries', () => {
    const documented = Object.keys(buildOpenApiDocument('https://gazette.example').paths ?? {}).sort();
    const listed = PUBLIC_SURFACE.filter((e) => e.openapi).map((e) => e.path).sort();
    expect(documented).toEqual(listed);
  });

  it('matches request paths to their entries, one segment per parameter', () => {
    expect(surfaceEntry('/api/posts/etags-explained')?.path).toBe('/api/posts/{slug}');
    expect(surfaceEntry('/api/events/abc.ics')?.kind).toBe('calendar');
    expect(surfaceEntry('/posts/a/b')).toBeUndefined();
    expect(surfaceEntry('/feed.xmlx')).toBeUndefined();
    expect(surfacePaths('feed')).toEqual(['/api/changelog.json', '/feed.xml', '/atom.xml', '/feed.json', '/changelog.xml']);
  });
});

describe('the Allow rule', () => {
  it('gives protocol routes GET, HEAD, OPTIONS, the CMS its posts, pages GET and HEAD', () => {
    for (const p of ['/api/posts', '/api/anything/else', '/feed.xml', '/sitemap.xml', '/robots.txt', '/posts/x/opengraph-image']) {
      expect(isProtocolRoute(p), p).toBe(true);
      expect(allowFor(p), p).toBe('GET, HEAD, OPTIONS');
    }
    for (const p of ['/cms', '/cms/login', '/cms/posts/1']) expect(allowFor(p), p).toBe('GET, HEAD, POST');
    for (const p of ['/', '/posts/etags-explained', '/docs', '/nope', '/cmsx']) expect(allowFor(p), p).toBe('GET, HEAD');
    expect(isCmsPath('/cms-old')).toBe(false);
  });

  it('answers OPTIONS * with every method some path takes, and the Next patch agrees', () => {
    expect(allowFor('*')).toBe('GET, HEAD, OPTIONS, POST');
    expect(ALLOWED_EVERYWHERE).toBe('GET, HEAD');
    // The patch runs inside Next, before any app code, and cannot import the rule.
    const patch = fs.readdirSync(path.join(ROOT, 'patches')).find((f) => f.startsWith('next+'));
    const text = fs.readFileSync(path.join(ROOT, 'patches', patch!), 'utf8');
    const allows = [...text.matchAll(/^\+.*setHeader\('allow', '([^']+)'\)/gm)].map((m) => m[1]);
    expect(allows.sort()).toEqual([ALLOWED_EVERYWHERE, allowFor('*')].sort());
  });
});
