// Sitemaps (sitemaps.org protocol 0.9): pure serialisers and the split into files. One file holds
// at most 50,000 URLs (the protocol's limit); past that, /sitemap.xml becomes a sitemap index
// naming /sitemap/{n}.xml files. Written by hand rather than with a library: two fixed shapes of
// three elements, and every value goes through one escape (the `sitemap` package's streams add
// nothing here, and fast-xml-parser is only a test dependency).

export const SITEMAP_URL_LIMIT = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** ISO 8601 (a W3C Datetime). */
  lastmod?: string | undefined;
  changefreq?: 'always' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'never' | undefined;
}

/** What /sitemap.xml is: every URL, or an index of the files that hold them. */
export type SitemapPlan = { kind: 'urlset'; urls: SitemapUrl[] } | { kind: 'index'; files: SitemapUrl[][] };

/** Split the URLs into files of at most `limit` each; one file (a plain sitemap) when they fit. */
export function planSitemap(urls: SitemapUrl[], limit = SITEMAP_URL_LIMIT): SitemapPlan {
  if (urls.length <= limit) return { kind: 'urlset', urls };
  const files: SitemapUrl[][] = [];
  for (let i = 0; i < urls.length; i += limit) files.push(urls.slice(i, i + limit));
  return { kind: 'index', files };
}

/** The URL of the n-th file of an index (0-based, as Next's generateSitemaps names them). */
export const sitemapFileUrl = (siteUrl: string, n: number) => `${siteUrl}/sitemap/${n}.xml`;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// The protocol requires entity-escaped values (sitemaps.org §"Entity escaping").
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

const element = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escape(value)}</${name}>`);

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function renderUrlset(urls: SitemapUrl[]): string {
  const body = urls.map((u) => `<url>${element('loc', u.loc)}${element('lastmod', u.lastmod)}${element('changefreq', u.changefreq)}</url>\n`).join('');
  return `${HEAD}<urlset xmlns="${NS}">\n${body}</urlset>\n`;
}

/** The newest lastmod among the URLs (ISO strings of one format compare as text). */
export function newestLastmod(urls: SitemapUrl[]): string | undefined {
  return urls.reduce<string | undefined>((max, u) => (u.lastmod && (!max || u.lastmod > max) ? u.lastmod : max), undefined);
}

export function renderSitemapIndex(siteUrl: string, files: SitemapUrl[][]): string {
  const body = files.map((f, n) => `<sitemap>${element('loc', sitemapFileUrl(siteUrl, n))}${element('lastmod', newestLastmod(f))}</sitemap>\n`).join('');
  return `${HEAD}<sitemapindex xmlns="${NS}">\n${body}</sitemapindex>\n`;
}
