// The public site's look, checked the way Lighthouse's accessibility audit does (axe-core, its
// engine) in Chromium, in the light and the dark scheme: no serious or critical violation
// (contrast, landmarks, alt text, labels…), one main/banner/contentinfo and labelled navs, images
// that reserve their box (no layout shift, measured with the layout-shift entries), no sideways
// scroll at 390 px. Screenshots at 390 and 1280 px in both schemes go to
// test-results/screenshots/site-{page}-{scheme}-{width}.png. The pages: tests/helpers/public-pages.ts.
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { PUBLIC_PAGES } from '../helpers/public-pages';
import { shootAtWidths } from '../helpers/screens';

const SCHEMES = ['light', 'dark'] as const;

// Sums the page's layout shifts from its first paint on (buffered), as CLS does, leaving out
// shifts right after input (none here: nothing is clicked).
const MEASURE_LAYOUT_SHIFT = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__layoutShift += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] };

async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

describe.skipIf(!chromiumAvailable())('the public site in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  const saved: string[] = [];
  beforeAll(async () => {
    server = await startChildServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    console.log(`[screenshots]\n${saved.join('\n')}`);
    await browser?.close();
    await server?.stop();
  });

  for (const colorScheme of SCHEMES) {
    it(`passes axe (no serious or critical violation) on every public page, ${colorScheme} scheme, with sound landmarks, no layout shift and no sideways scroll`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      await context.addInitScript(MEASURE_LAYOUT_SHIFT);
      const page = await context.newPage();
      const report: string[] = [];
      try {
        for (const { name, path: pagePath } of PUBLIC_PAGES) {
          const response = await page.goto(server.url + pagePath, { waitUntil: 'load' });
          expect(response?.status(), pagePath).toBe(200);
          // The scheme really applies: the page's background is the theme's.
          const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          expect(bg, `${pagePath} background in ${colorScheme}`).toBe(colorScheme === 'dark' ? 'rgb(20, 21, 23)' : 'rgb(253, 252, 250)');

          const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(serious, `${pagePath} (${colorScheme}): ${JSON.stringify(serious, null, 1)}`).toEqual([]);

          // Landmarks: one of each, every navigation named.
          expect(await page.getByRole('main').count(), pagePath).toBe(1);
          expect(await page.getByRole('banner').count(), pagePath).toBe(1);
          expect(await page.getByRole('contentinfo').count(), pagePath).toBe(1);
          const unnamedNavs = await page.locator('nav').evaluateAll((navs) => navs.filter((n) => !n.getAttribute('aria-label') && !n.getAttribute('aria-labelledby')).length);
          expect(unnamedNavs, `${pagePath}: navs without a name`).toBe(0);

          // Every image reserves its box, so nothing moves as it loads: scroll through the page
          // (lazy images load), wait for them, then read the page's summed layout shift.
          const unsized = await page.locator('main img').evaluateAll((imgs) => imgs.filter((i) => !i.getAttribute('width') || !i.getAttribute('height')).map((i) => i.getAttribute('src')));
          expect(unsized, `${pagePath}: images without width/height`).toEqual([]);
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          await page.waitForFunction(() => [...document.images].every((i) => i.complete));
          await page.evaluate(() => window.scrollTo(0, 0));
          const shift = await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
          const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.style}`).join(', '));
          report.push(`${pagePath} (${colorScheme}): ${await page.locator('main img').count()} image(s), layout shift ${shift.toFixed(4)}, fonts loaded: ${fonts || 'none'}`);
          expect(shift, `${pagePath}: cumulative layout shift`).toBeLessThan(0.01);

          // No sideways scroll at a phone's width, and the screenshots (shootAtWidths checks both).
          const files = await shootAtWidths(page, `site-${name}-${colorScheme}`, [390, 1280]);
          saved.push(...files.map((f) => path.relative(process.cwd(), f)));
        }
      } finally {
        console.log(`[layout shift]\n${report.join('\n')}`);
        await context.close();
      }
    });
  }

  // The proxy's own 404 and 410 pages (lib/site/status-document.ts): plain on purpose (the
  // browser's system colours, no web font), but held to the same accessibility and layout rules.
  it('keeps the 404 page of the status gate accessible in both schemes, without sideways scroll', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const response = await page.goto(`${server.url}/posts/no-such-post`);
      expect(response?.status()).toBe(404);
      const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, JSON.stringify(serious, null, 1)).toEqual([]);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      await shootAtWidths(page, `site-not-found-${colorScheme}`, [390, 1280]);
      await context.close();
    }
  });

  it('makes the skip link the first Tab stop, landing on the content', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    expect(await page.evaluate(() => Boolean(document.activeElement?.querySelector('main')))).toBe(true);
    await page.close();
  });

  it('links the feeds and the calendar subscription from every page footer, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const { path: pagePath } of PUBLIC_PAGES) {
      await page.goto(server.url + pagePath);
      const footer = page.getByRole('contentinfo');
      for (const href of ['/feed.xml', '/atom.xml', '/feed.json', '/changelog.xml']) expect(await footer.locator(`a[href="${href}"]`).isVisible(), `${pagePath} ${href}`).toBe(true);
      const host = new URL(server.url).host;
      expect(await footer.getByTestId('footer-webcal').getAttribute('href')).toBe(`webcal://${host}/api/events.ics`);
      expect(await footer.getByTestId('footer-ics').getAttribute('href')).toBe(`${server.url}/api/events.ics`);
    }
    await context.close();
  });

  it('serves the icons and the manifest the pages link to', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const links = await page.locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('rel'), l.getAttribute('href')]));
    const rels = links.map(([rel]) => rel);
    expect(rels).toEqual(expect.arrayContaining(['icon', 'apple-touch-icon', 'manifest']));
    await page.close();
    const expected: Record<string, string> = { '/favicon.ico': 'image/x-icon', '/icon.svg': 'image/svg+xml', '/apple-icon.png': 'image/png', '/manifest.webmanifest': 'application/manifest+json' };
    for (const [url, type] of Object.entries(expected)) {
      const res = await fetch(server.url + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toContain(type);
      await res.arrayBuffer();
    }
    for (const [, href] of links) {
      const res = await fetch(new URL(href!, server.url));
      expect(res.status, href!).toBe(200);
      await res.arrayBuffer();
    }
  });

  it('reads the API reference without JavaScript: contents linking to every operation, Markdown rendered, examples shown', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/docs`);
    const toc = page.getByRole('navigation', { name: 'Contents' });
    expect(await toc.isVisible()).toBe(true);
    const targets = await toc.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(targets.length).toBeGreaterThan(10);
    for (const t of targets) expect(await page.locator(`[id="${t.slice(1)}"]`).count(), t).toBe(1);
    // No Markdown left raw: backticks became <code>.
    expect(await page.locator('main').innerText()).not.toContain('`');
    expect(await page.locator('section.op:has(#getpost) .md code', { hasText: 'Accept' }).count()).toBeGreaterThan(0);
    // Each operation has an example request; an example response opens with a click on its summary.
    const listPosts = page.locator('section.op:has(#listposts)');
    expect(await listPosts.locator('pre.example').first().innerText()).toContain(`curl -i '${server.url}/api/posts'`);
    await listPosts.locator('summary').click();
    expect(await listPosts.locator('details pre').innerText()).toContain('"data": [');
    await context.close();
  });
});
