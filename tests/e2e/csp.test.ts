// The Content-Security-Policy (next.config.ts) against the real pages in Chromium: every public
// page and the CMS (signed out and signed in) load, hydrate and run without a CSP violation or
// an uncaught page error.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPosts } from '@/db/seed/content';
import { sourceHash } from '@/scripts/build-if-stale';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { TEST_ACCOUNTS } from '../helpers/template-db';

const root = path.resolve(import.meta.dirname, '..', '..');
const slug = seedPosts.find((p) => p.status === 'published')!.slug;

/**
 * `npm start` builds first when the sources changed since the last build; that build would race
 * the one in .next/ other tests use. Refuse instead (`npm run test:e2e` builds first).
 */
function assertBuildIsCurrent(): void {
  const stamp = path.join(root, '.next', 'gazette-source-hash');
  const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (built !== sourceHash()) throw new Error('The build in .next/ is not current: refusing to start `npm start`, which would run next build.');
}

interface Findings {
  /** Console messages about the Content Security Policy, and requests the CSP blocked. */
  csp: string[];
  pageErrors: string[];
  consoleErrors: string[];
  failedResources: string[];
}

/** Everything a page reports: console messages, uncaught errors, CSP violation events, blocked requests. */
function watch(): { findings: Map<string, Findings>; attach(page: Page): void } {
  const findings = new Map<string, Findings>();
  const at = (page: Page) => {
    const key = new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname;
    if (!findings.has(key)) findings.set(key, { csp: [], pageErrors: [], consoleErrors: [], failedResources: [] });
    return findings.get(key)!;
  };
  return {
    findings,
    attach(page: Page) {
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy/i.test(text)) at(page).csp.push(`console ${msg.type()}: ${text}`);
        else if (msg.type() === 'error') at(page).consoleErrors.push(text);
      });
      page.on('pageerror', (err) => at(page).pageErrors.push(`${err.name}: ${err.message}`));
      page.on('response', (response) => {
        if (response.status() >= 400) at(page).failedResources.push(`${response.status()} ${response.url()}`);
      });
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? '';
        if (/csp/i.test(reason)) at(page).csp.push(`blocked request ${request.url()} (${reason})`);
      });
    },
  };
}

/** The DOM's own report of each violation (also of ones Chromium does not log). */
const REPORT_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '') + ':' + e.lineNumber);
  });
`;

async function visit(page: Page, url: string): Promise<number> {
  const res = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // Give hydration and effects a moment to run (and to fail, if they would).
  await page.waitForTimeout(300);
  return res?.status() ?? 0;
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

describe.skipIf(!chromiumAvailable())('the Content-Security-Policy in Chromium', () => {
  let server: ChildServer;
  let browser: Browser;
  beforeAll(async () => {
    assertBuildIsCurrent();
    server = await startChildServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** securitypolicyviolation events seen on every page of every test, for the last test. */
  const allViolations = new Map<string, string[]>();

  function report(findings: Map<string, Findings>, violations: Map<string, string[]>) {
    const csp: string[] = [];
    const pageErrors: string[] = [];
    for (const [p, f] of findings) {
      csp.push(...f.csp.map((m) => `${p}: ${m}`));
      pageErrors.push(...f.pageErrors.map((m) => `${p}: ${m}`));
      if (f.consoleErrors.length) console.log(`[csp] console errors on ${p} (not CSP):\n  ${[...f.consoleErrors, ...f.failedResources].join('\n  ')}`);
    }
    for (const [p, v] of violations) allViolations.set(p, v);
    return { csp, pageErrors };
  }

  it('public pages and the sign-in page: no CSP violation messages, no page errors', async () => {
    const context = await browser.newContext();
    await context.addInitScript(REPORT_VIOLATIONS);
    const { findings, attach } = watch();
    const page = await context.newPage();
    attach(page);
    const violations = new Map<string, string[]>();
    for (const p of ['/', `/posts/${slug}`, '/changelog', '/events', '/docs', '/cms/login']) {
      const status = await visit(page, server.url + p);
      expect(status, p).toBe(200);
      violations.set(p, await violationsIn(page));
    }
    // A client-side navigation too (the router fetches RSC payloads: connect-src).
    await visit(page, server.url + '/');
    const link = page.locator(`a[href="/posts/${slug}"]`).first();
    if (await link.count()) {
      await Promise.all([page.waitForURL(new RegExp(`/posts/${slug}$`)), link.click()]);
      await page.waitForLoadState('networkidle');
      violations.set(`/ → /posts/${slug} (client navigation)`, await violationsIn(page));
    }
    const { csp, pageErrors } = report(findings, violations);
    expect(csp).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the CMS after signing in through the login form (/cms, /cms/posts/new): no CSP violation messages, no page errors', async () => {
    const context = await browser.newContext();
    await context.addInitScript(REPORT_VIOLATIONS);
    const { findings, attach } = watch();
    const page = await context.newPage();
    attach(page);
    const violations = new Map<string, string[]>();

    expect(await visit(page, `${server.url}/cms/login`)).toBe(200);
    await page.fill('#email', TEST_ACCOUNTS.editor.email);
    await page.fill('#password', TEST_ACCOUNTS.editor.password);
    await Promise.all([page.waitForURL(/\/cms$/), page.click('button[type=submit]')]);
    await page.waitForLoadState('networkidle');
    violations.set('/cms (after sign-in)', await violationsIn(page));

    for (const p of ['/cms', '/cms/posts/new']) {
      const status = await visit(page, server.url + p);
      expect(status, p).toBe(200);
      violations.set(p, await violationsIn(page));
    }
    // Use the editor a little: the preview runs client code and renders user content.
    await page.fill('#title', 'CSP check');
    await page.fill('#body', '## Hello\n\n<script>alert(1)</script> *emphasis*');
    const preview = page.locator('button:has-text("Preview")');
    if (await preview.count()) {
      await preview.click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      violations.set('/cms/posts/new (preview)', await violationsIn(page));
    }

    const { csp, pageErrors } = report(findings, violations);
    expect(csp).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  // Stricter than the console: the DOM reports every violation, also one the code catches
  // itself (which Chromium does not log). Each would become a report once the policy gets a
  // report-to endpoint, and means some code wants a capability the policy denies.
  it('no page raises a securitypolicyviolation event at all (all pages of both tests above)', () => {
    expect(allViolations.size, 'the two tests above ran').toBeGreaterThan(0);
    const found = [...allViolations].flatMap(([p, v]) => v.map((m) => `${p}: ${m}`));
    expect(found).toEqual([]);
  });
});
