// What may scroll sideways in rendered Markdown scrolls in its own box and takes keyboard focus
// (WCAG 2.1.1), and the wrapper cannot be abused to smuggle attributes.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/content/markdown';

const SITE = 'https://gazette.example';

describe('rendered Markdown that may scroll sideways', () => {
  it('wraps each table in a focusable scrolling box', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |', SITE);
    expect(html.match(/<div class="table-scroll" tabindex="0"><table>/g)).toHaveLength(2);
    expect(html.match(/<\/table><\/div>/g)).toHaveLength(2);
  });

  it('makes code blocks focusable', () => {
    expect(renderMarkdown('```js\nconst x = 1;\n```', SITE)).toMatch(/^<pre tabindex="0"><code class="language-js">/);
  });

  it('keeps only the wrapper class and a tabindex of 0 on typed-in divs and pres', () => {
    const html = renderMarkdown('<div class="table-scroll evil" tabindex="-1" onclick="x()">a</div><div class="x" tabindex="3">b</div><pre tabindex="-1" class="y">c</pre>', SITE);
    expect(html).toBe('<div>a</div><div>b</div><pre tabindex="0">c</pre>');
  });
});
