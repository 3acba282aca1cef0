// The sitemap's split into files (sitemaps.org: at most 50,000 URLs per file) and its XML, on a
// generated list rather than 50,000 database rows.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { planSitemap, renderSitemapIndex, renderUrlset, SITEMAP_URL_LIMIT, type SitemapUrl } from '@/lib/feeds/sitemap';

const urls = (n: number): SitemapUrl[] =>
  Array.from({ length: n }, (_, i) => ({ loc: `https://gazette.example/posts/p-${i}`, lastmod: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString() }));
const parse = (xml: string) => new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' }).parse(xml);

describe('planSitemap', () => {
  it('keeps exactly 50,000 URLs in one plain sitemap', () => {
    const plan = planSitemap(urls(SITEMAP_URL_LIMIT));
    expect(plan.kind).toBe('urlset');
  });

  it('becomes an index of 50,000-URL files past the limit, every URL once and in order', () => {
    const all = urls(SITEMAP_URL_LIMIT * 2 + 1);
    const plan = planSitemap(all);
    if (plan.kind !== 'index') throw new Error('expected an index');
    expect(plan.files.map((f) => f.length)).toEqual([SITEMAP_URL_LIMIT, SITEMAP_URL_LIMIT, 1]);
    expect(plan.files.flat()).toEqual(all);
  });

  it('splits by any limit (the same rule at a small scale)', () => {
    const plan = planSitemap(urls(7), 3);
    expect(plan.kind === 'index' && plan.files.map((f) => f.map((u) => u.loc.split('-')[1]))).toEqual([['0', '1', '2'], ['3', '4', '5'], ['6']]);
  });
});

describe('the XML', () => {
  it('renders a valid urlset with escaped values', () => {
    const xml = renderUrlset([{ loc: 'https://gazette.example/?a=1&b=<2>', lastmod: '2025-01-01T00:00:00.000Z', changefreq: 'daily' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parse(xml);
    expect(doc.urlset.url[0]).toEqual({ loc: 'https://gazette.example/?a=1&b=<2>', lastmod: '2025-01-01T00:00:00.000Z', changefreq: 'daily' });
  });

  it('renders an index naming /sitemap/{n}.xml with each file\'s newest lastmod', () => {
    const plan = planSitemap(urls(7), 3);
    if (plan.kind !== 'index') throw new Error('expected an index');
    const xml = renderSitemapIndex('https://gazette.example', plan.files);
    expect(XMLValidator.validate(xml)).toBe(true);
    const entries = parse(xml).sitemapindex.sitemap as { loc: string; lastmod: string }[];
    expect(entries.map((e) => e.loc)).toEqual([0, 1, 2].map((n) => `https://gazette.example/sitemap/${n}.xml`));
    expect(entries.map((e) => e.lastmod)).toEqual([plan.files[0]![2]!.lastmod, plan.files[1]![2]!.lastmod, plan.files[2]![0]!.lastmod]);
  });
});
