// Screenshots of pages for people to look at (test-results/screenshots/, gitignored), each taken
// only after checking that the page does not scroll sideways at that width: every CMS screen must
// fit a 390 px phone. One check for every browser test; a screenshot's name is unique across them.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** The page is no wider than its viewport (no horizontal scroll at this width). */
export async function expectNoHorizontalOverflow(page: Page, label: string): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll, `${label} at ${inner} px is ${scroll} px wide`).toBeLessThanOrEqual(inner);
}

/**
 * Full-page screenshots `{name}-{width}.png` at each width, each after the overflow check; the
 * viewport is put back as it was. Returns the files written.
 */
export async function shootAtWidths(page: Page, name: string, widths: readonly number[] = [1280, 390]): Promise<string[]> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  const files: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: before.height });
    await expectNoHorizontalOverflow(page, name);
    const file = path.join(SCREENSHOTS, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}
