// The proxy's 404/410 page copies four of the theme's colours (it cannot link Next's hashed
// stylesheet): this holds the copy to app/globals.css, so a theme change cannot leave it behind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statusDocument } from '@/lib/site/status-document';

const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../app/globals.css'), 'utf8');
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');

function themeValue(name: string, dark: boolean): string {
  const re = new RegExp(`--${name}:\\s*(#[0-9a-f]{3,8})`, 'gi');
  const all = [...css.matchAll(re)];
  const match = dark ? all.find((m) => m.index! > darkAt) : all.find((m) => m.index! < darkAt);
  return match![1]!.toLowerCase();
}

describe('the status gate\'s pages', () => {
  it.each(['bg', 'fg', 'accent', 'rule'])('uses the theme\'s --%s in both schemes', (name) => {
    const html = statusDocument(404, 'posts');
    const [light, dark] = html.split('@media (prefers-color-scheme:dark)');
    expect(light).toContain(`--${name}:${themeValue(name, false)}`);
    expect(dark).toContain(`--${name}:${themeValue(name, true)}`);
  });

  it('says what happened, is not indexed, and links the site', () => {
    const gone = statusDocument(410, 'posts');
    expect(gone).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(gone).toContain('<meta name="robots" content="noindex">');
    expect(gone).toContain('<h1>This post was removed</h1>');
    expect(statusDocument(404, 'tags')).toContain('No published tag has this address.');
    for (const href of ['/', '/search', '/feed.xml', '/api/events.ics']) expect(gone).toContain(`href="${href}"`);
  });
});
