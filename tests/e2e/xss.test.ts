// Stored XSS, end to end: an editor writes a corpus of XSS vectors through the CMS (over HTTP,
// as a browser without JavaScript posts the forms) into every field that takes text, publishes
// them, and then real Chromium reads every public page that shows them, plus the API's HTML
// representation and the CMS screens an admin would open. Every vector, if it ran, would bump
// `window.__xss` or open an alert. So: no dialog, no `window.__xss`, and no markup in the content
// that could run script (script elements, on* attributes, javascript:/vbscript:/data:text/html
// URLs, frames, forms, base, meta refresh, CSS expressions). The feeds' HTML is checked likewise.
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { Marked } from 'marked';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../helpers/browser';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { type CookieJar, signIn, submitForm } from '../helpers/cms-client';

/** Runs in the page: counts executions. */
const S = 'window.__xss=(window.__xss||0)+1';
/** base64 of <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/> and <script>alert(1)</script>. */
const SVG_B64 = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64');
const SCRIPT_B64 = Buffer.from('<script>alert(1)</script>').toString('base64');

/** [name, payload]. Payloads may be Markdown or HTML; every one runs S or alert(1) if it executes. */
const VECTORS: Array<[string, string]> = [
  ['script tag', `<script>${S}</script>`],
  ['script tag, alert', '<script>alert(1)</script>'],
  ['img onerror', `<img src=x onerror="${S}">`],
  ['img onerror, unquoted alert', '<img src=x onerror=alert(1)>'],
  ['img onerror, entity-encoded handler', '<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>'],
  ['img eval(src)', '<img src=x:alert(alt) onerror=eval(src) alt=0>'],
  ['Markdown javascript: link', '[click me](javascript:alert(1))'],
  ['Markdown javascript: link with sentinel', `[click](javascript:${S})`],
  ['Markdown javascript: link in angle brackets', '[x](<javascript:alert(1)>)'],
  ['Markdown javascript: reference link', '[ref link][r]\n\n[r]: javascript:alert(1)'],
  ['Markdown javascript&colon; link', '[colon](javascript&colon;alert(1))'],
  ['Markdown javascript: image', '![img](javascript:alert(1))'],
  ['Markdown autolink javascript:', '<javascript:alert(1)>'],
  ['Markdown autolink vbscript:', '<vbscript:msgbox(1)>'],
  ['Markdown data: link', '[data](data:text/html;base64,' + SCRIPT_B64 + ')'],
  ['Markdown data: svg image', `![svg](data:image/svg+xml;base64,${SVG_B64})`],
  ['Markdown link title breakout', '[t](https://example.com "a\\" onmouseover=\\"alert(1)")'],
  ['Markdown image title breakout', '![t](https://example.com/a.png "\\" onerror=\\"alert(1)")'],
  ['fenced code language breakout', '```x" onmouseover="alert(1)\ncode\n```'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', `<svg><script>${S}</script></svg>`],
  ['svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">svg link</text></a></svg>'],
  ['svg animate href', '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>Click</text></a></svg>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__xss=(parent.__xss||0)+1</script>"></iframe>'],
  ['iframe javascript: src', '<iframe src="javascript:alert(1)"></iframe>'],
  ['a href mixed case', '<a href="jAvAsCrIpT:alert(1)">mixed case</a>'],
  ['a href decimal entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal entities</a>'],
  ['a href hex entities, tab inside', '<a href="&#x6A;av&#x09;ascript:alert(1)">hex and tab</a>'],
  ['a href leading control and space', '<a href=" &#14; javascript:alert(1)">leading junk</a>'],
  ['a href &colon;', '<a href="javascript&colon;alert(1)">colon entity</a>'],
  ['a href vbscript:', '<a href="vbscript:msgbox(1)">vbscript</a>'],
  ['a href data: URL', `<a href="data:text/html;base64,${SCRIPT_B64}">data url</a>`],
  ['attribute breakout', `"><script>${S}</script>`],
  ['title breakout', `</title><script>${S}</script>`],
  ['CDATA breakout', `]]><script>${S}</script>`],
  ['textarea breakout', `</textarea><script>${S}</script>`],
  ['CSS url(javascript:)', '<div style="background:url(javascript:alert(1))">css url</div>'],
  ['CSS expression()', '<p style="width:expression(alert(1))">css expression</p>'],
  ['style element @import', "<style>@import 'javascript:alert(1)';body{background:url(\"javascript:alert(1)\")}</style>"],
  ['details ontoggle', `<details open ontoggle="${S}"><summary>s</summary>d</details>`],
  ['math mglyph/style mXSS', `<math><mtext><table><mglyph><style><img src=x onerror="${S}"></style></mglyph></table></mtext></math>`],
  ['svg/p/style mXSS', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['comment mXSS', '<!--<img src="--><img src=x onerror=alert(1)//">'],
  ['math href', '<math href="javascript:alert(1)">math link</math>'],
  ['nested script tags', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['body onload', '<body onload=alert(1)>'],
  ['input autofocus onfocus', `<input autofocus onfocus="${S}">`],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  ['form action', '<form action="javascript:alert(1)"><button>go</button></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">b</button>'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['link import', `<link rel=import href="data:text/html;base64,${SCRIPT_B64}">`],
  ['video source onerror', `<video><source onerror="${S}"></video>`],
  ['marquee onstart', '<marquee onstart=alert(1)>m</marquee>'],
  ['custom element onclick', '<x-foo onclick=alert(1)>click</x-foo>'],
  ['template script', '<template><script>alert(1)</script></template>'],
  ['img srcset', '<img srcset="javascript:alert(1)">'],
  ['allowed attribute plus handler (td)', '<table><tr><td align="left" onmouseover="alert(1)">cell</td></tr></table>'],
  ['allowed attribute plus handler (ol)', '<ol start="2" onclick="alert(1)"><li>item</li></ol>'],
  ['img alt entity breakout', '<img src="https://example.com/a.png" alt="&quot; onerror=&quot;alert(1)">'],
  ['a title entity breakout', '<a href="https://example.com" title="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">titled</a>'],
  ['already-escaped script text', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['code span', '`<img src=x onerror=alert(1)>`'],
];

/**
 * Probes of escaping rather than live payloads: rendered by Markdown alone (no sanitiser) they are
 * already inert, so the self-test below does not require them to fire.
 */
const ESCAPING_PROBES = new Set([
  'Markdown link title breakout',
  'Markdown image title breakout',
  'Markdown data: svg image', // an SVG in <img> never runs script
  'fenced code language breakout',
  'img alt entity breakout',
  'a title entity breakout',
  'already-escaped script text',
  'code span',
]);

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
const MARK = 'xss-corpus';

/** Problems a feed item's HTML would cause a feed reader that renders it. */
function htmlProblems(html: string): string[] {
  const out: string[] = [];
  if (/<script/i.test(html)) out.push('contains "<script"');
  const $ = cheerio.load(html, null, false);
  $('*').each((_, el) => {
    const tag = (el as { tagName: string }).tagName.toLowerCase();
    if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'form', 'style', 'svg', 'math'].includes(tag)) out.push(`<${tag}> element`);
    for (const [name, value] of Object.entries((el as { attribs: Record<string, string> }).attribs ?? {})) {
      if (/^on/i.test(name)) out.push(`${tag}[${name}] event handler attribute`);
      const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (/^(javascript|vbscript):|^data:text\/html/.test(url)) out.push(`${tag}[${name}="${value.slice(0, 60)}"] script URL`);
      if (name === 'style' && /expression\(|javascript:/i.test(value)) out.push(`${tag}[style] script in CSS`);
      if (name === 'srcdoc') out.push(`${tag}[srcdoc]`);
    }
  });
  return out;
}

/** The same checks in the live DOM of a page, plus whether anything ran. */
async function pageProblems(page: Page, contentSelector: string, strictElements: boolean): Promise<string[]> {
  return page.evaluate(
    ({ sel, strict }) => {
      const out: string[] = [];
      const w = window as unknown as { __xss?: number };
      if (w.__xss !== undefined) out.push(`window.__xss = ${w.__xss}`);
      // Event-handler attributes anywhere in the document (React and Next render none).
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.getAttributeNames()) if (/^on/i.test(a)) out.push(`<${el.tagName.toLowerCase()} ${a}="${el.getAttribute(a)?.slice(0, 60)}">`);
      }
      const roots = [...document.querySelectorAll(sel)];
      if (roots.length === 0) out.push(`no ${sel} on the page`);
      for (const root of roots) {
        const dangerous = strict ? 'script, iframe, frame, object, embed, base, meta, link, form, style, svg, math, input, button' : 'script, iframe, frame, object, embed, base, meta, link, svg, math';
        for (const el of root.querySelectorAll(dangerous)) out.push(`<${el.tagName.toLowerCase()}> in ${sel}: ${el.outerHTML.slice(0, 80)}`);
        for (const el of root.querySelectorAll('*')) {
          for (const a of el.getAttributeNames()) {
            const v = el.getAttribute(a) ?? '';
            const url = v.replace(/[\u0000-\u0020]/g, '').toLowerCase();
            if (/^(javascript|vbscript):|^data:text\/html/.test(url)) out.push(`<${el.tagName.toLowerCase()} ${a}="${v.slice(0, 60)}"> in ${sel}`);
            if (a === 'style' && /expression\(|javascript:/i.test(v)) out.push(`<${el.tagName.toLowerCase()} style="${v.slice(0, 60)}"> in ${sel}`);
            if (a === 'srcdoc') out.push(`<${el.tagName.toLowerCase()} srcdoc> in ${sel}`);
          }
        }
      }
      return out;
    },
    { sel: contentSelector, strict: strictElements },
  );
}

describe.skipIf(!chromiumAvailable())('stored XSS through the CMS', () => {
  let server: ChildServer;
  let browser: Browser;
  let editor: CookieJar;
  const posts: Array<{ name: string; slug: string; title: string; id: string }> = [];
  const ids = { omnibus: '', changelog: '', event: '' };
  let eventsCms = false;
  let changelogCms = false;

  beforeAll(async () => {
    server = await startChildServer();
    browser = await launchBrowser();
    editor = await signIn(server.url, 'editor');
    console.log(`[xss] corpus: ${VECTORS.length} vectors`);

    const publish = async (fields: Record<string, string>) => {
      const r = await submitForm(server.url, '/cms/posts/new', editor, { fields, submit: { intent: 'publish' } });
      expect(r.outcome, `${fields.slug}: ${[...r.messages, ...r.fieldErrors].join(' | ')}`).toBe('redirected');
      return /\/cms\/posts\/([0-9a-f-]{36})/.exec(r.location ?? '')![1]!;
    };
    // One post per vector: in the title, summary and (Markdown) body.
    for (const [i, [name, v]] of VECTORS.entries()) {
      const slug = `xss-${String(i + 1).padStart(2, '0')}`;
      const title = `XSS ${i + 1} ${oneLine(v)}`.slice(0, 300).trim();
      const id = await publish({
        title,
        slug,
        summary: `${MARK} ${oneLine(v)}`.slice(0, 1000),
        body: `Vector ${i + 1}: ${name}.\n\n${v}\n\nInline: ${oneLine(v)} and after.\n\n- in a list ${oneLine(v)}\n\n> quoted ${oneLine(v)}\n`,
        tags: 'xss, onerror-alert-1',
      });
      posts.push({ name, slug, title, id });
    }
    // Every vector in one body, published last so it is on the home page and the first feed page.
    ids.omnibus = await publish({
      title: 'XSS omnibus "><script>alert(1)</script>',
      slug: 'xss-omnibus',
      summary: `${MARK} ${VECTORS.map(([, v]) => oneLine(v)).join(' ')}`.slice(0, 1000),
      body: VECTORS.map(([name, v]) => `### ${name}\n\n${v}\n`).join('\n'),
      tags: 'xss',
    });
    posts.push({ name: 'omnibus', slug: 'xss-omnibus', title: 'XSS omnibus "><script>alert(1)</script>', id: ids.omnibus });

    // A payload in tags is refused: tags are kebab-case slugs.
    const tagTry = await submitForm(server.url, '/cms/posts/new', editor, { fields: { title: 'Tag XSS', slug: 'xss-tag', body: 'x', tags: '<img src=x onerror=alert(1)>' }, submit: { intent: 'publish' } });
    expect(tagTry.outcome).not.toBe('redirected');
    expect(tagTry.fieldErrors.join(' ')).toMatch(/Tags use/);

    const exists = async (path: string) => (await fetch(server.url + path, { headers: { cookie: editor.header() }, redirect: 'manual' })).status === 200;
    changelogCms = await exists('/cms/changelog/new');
    if (!changelogCms) console.log('[xss] /cms/changelog/new answered 404: no changelog vectors');
    else {
      for (const [i, [, v]] of VECTORS.entries()) {
        const r = await submitForm(server.url, '/cms/changelog/new', editor, {
          fields: { title: `Changelog XSS ${i + 1} ${oneLine(v)}`.slice(0, 300), body: `${v}\n\nInline ${oneLine(v)}`, category: 'security', productVersion: oneLine(v).slice(0, 50) },
          submit: { intent: 'publish' },
        });
        expect(r.outcome, [...r.messages, ...r.fieldErrors].join(' | ')).toBe('redirected');
        ids.changelog ||= /\/cms\/changelog\/([0-9a-f-]{36})/.exec(r.location ?? '')![1]!;
      }
    }
    eventsCms = await exists('/cms/events/new');
    if (!eventsCms) console.log('[xss] /cms/events/new answered 404: no event vectors');
    else {
      for (const [i, [, v]] of VECTORS.entries()) {
        const r = await submitForm(server.url, '/cms/events/new', editor, {
          fields: {
            title: `Event XSS ${i + 1} ${oneLine(v)}`.slice(0, 300),
            description: `${v}\n\n${oneLine(v)}`,
            location: oneLine(v).slice(0, 300),
            url: `https://example.com/?q=${encodeURIComponent(v).slice(0, 1500)}`,
            timeZone: 'Europe/Berlin',
            start: `2031-0${1 + (i % 9)}-1${i % 10}T10:00`,
            end: `2031-0${1 + (i % 9)}-1${i % 10}T12:00`,
            status: 'confirmed',
          },
          submit: { intent: 'publish' },
        });
        expect(r.outcome, [...r.messages, ...r.fieldErrors].join(' | ')).toBe('redirected');
        ids.event ||= /\/cms\/events\/([0-9a-f-]{36})/.exec(r.location ?? '')![1]!;
      }
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Visit each URL in one page; every dialog and every problem, per URL. */
  async function visitAll(
    context: BrowserContext,
    visits: Array<{ url: string; content: string; strict: boolean; expectText?: string }>,
    headers?: Record<string, string>,
  ): Promise<string[]> {
    const page = await context.newPage();
    if (headers) await page.setExtraHTTPHeaders(headers);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}(${d.message()})`);
      void d.dismiss().catch(() => {});
    });
    const problems: string[] = [];
    for (const v of visits) {
      dialogs.length = 0;
      const res = await page.goto(server.url + v.url, { waitUntil: 'load' });
      expect(res?.status(), v.url).toBe(200);
      if (headers?.accept) expect(res?.headers()['content-type'], v.url).toMatch(/^text\/html/);
      // Handlers such as ontoggle/onfocus/onerror fire just after load.
      await page.waitForTimeout(150);
      const found = await pageProblems(page, v.content, v.strict);
      if (v.expectText) {
        const text = await page.locator(v.content).first().innerText();
        if (!text.includes(v.expectText)) found.push(`expected the text ${JSON.stringify(v.expectText.slice(0, 60))} (shown as text)`);
      }
      for (const d of dialogs) found.push(`dialog ${d}`);
      problems.push(...found.map((f) => `${v.url}: ${f}`));
    }
    await page.close();
    return problems;
  }

  it('has a live corpus: rendered WITHOUT the sanitiser, every payload runs or is flagged', async () => {
    const unsafe = new Marked({ gfm: true, async: false });
    const context = await browser.newContext();
    const inert: string[] = [];
    for (const [name, v] of VECTORS) {
      const page = await context.newPage();
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss().catch(() => {});
      });
      const html = unsafe.parse(v) as string;
      await page.setContent(`<!doctype html><html><head><title>t</title></head><body><main>${html}</main></body></html>`, { waitUntil: 'load' }).catch(() => {});
      await page.waitForTimeout(150);
      const found = [...htmlProblems(html), ...(await pageProblems(page, 'main', true).catch(() => ['navigated away']))];
      if (dialogs === 0 && found.length === 0) inert.push(name);
      await page.close();
    }
    await context.close();
    console.log(`[xss] ${VECTORS.length - inert.length} of ${VECTORS.length} vectors run or are flagged without the sanitiser; escaping probes: ${inert.length}`);
    expect(inert.sort()).toEqual([...ESCAPING_PROBES].sort());
  }, 120_000);

  it('runs nothing on the public pages: home, every post, events, changelog', async () => {
    const context = await browser.newContext();
    const visits = [
      { url: '/', content: 'main', strict: true, expectText: 'XSS omnibus "><script>alert(1)</script>' },
      ...posts.map((p) => ({ url: `/posts/${p.slug}`, content: 'main', strict: true, expectText: p.title })),
      ...(eventsCms ? [{ url: '/events', content: 'main', strict: true, expectText: 'Event XSS 1 <script>' }] : []),
      ...(changelogCms ? [{ url: '/changelog', content: 'main', strict: true, expectText: 'Changelog XSS 1 <script>' }] : []),
    ];
    const problems = await visitAll(context, visits);
    await context.close();
    console.log(`[xss] public pages visited: ${visits.length}`);
    expect(problems).toEqual([]);
  }, 300_000);

  it("runs nothing in the API's HTML representation of every post", async () => {
    const context = await browser.newContext();
    const problems = await visitAll(
      context,
      posts.map((p) => ({ url: `/api/posts/${p.slug}`, content: 'article', strict: true, expectText: p.title })),
      { accept: 'text/html' },
    );
    await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  it('runs nothing in the CMS screens an editor opens (lists, editor, preview, revisions)', async () => {
    const context = await browser.newContext();
    const origin = new URL(server.url);
    await context.addCookies(
      editor
        .header()
        .split('; ')
        .filter(Boolean)
        .map((pair) => {
          const eq = pair.indexOf('=');
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: origin.hostname, path: '/' };
        }),
    );
    const revs = await fetch(`${server.url}/cms/posts/${ids.omnibus}/revisions`, { headers: { cookie: editor.header() } }).then((r) => r.text());
    const revisionPath = cheerio.load(revs)(`a[href^="/cms/posts/${ids.omnibus}/revisions/"]`).first().attr('href');
    const visits = [
      { url: '/cms/posts', content: 'main', strict: false },
      { url: `/cms/posts/${ids.omnibus}`, content: 'main', strict: false },
      { url: `/cms/posts/${posts[0]!.id}`, content: 'main', strict: false },
      { url: `/cms/posts/${ids.omnibus}/preview`, content: 'main', strict: false },
      { url: `/cms/posts/${ids.omnibus}/revisions`, content: 'main', strict: false },
      // The revision with its diff, its restore confirmation, and a diff of two chosen versions.
      ...(revisionPath
        ? [
            { url: revisionPath, content: 'main', strict: false },
            { url: `${revisionPath}/restore`, content: 'main', strict: false },
            { url: `/cms/posts/${ids.omnibus}/revisions?from=current&to=${revisionPath.split('/').pop()}`, content: 'main', strict: false },
          ]
        : []),
      ...(changelogCms ? [{ url: '/cms/changelog', content: 'main', strict: false }, { url: `/cms/changelog/${ids.changelog}`, content: 'main', strict: false }] : []),
      ...(eventsCms ? [{ url: '/cms/events', content: 'main', strict: false }, { url: `/cms/events/${ids.event}`, content: 'main', strict: false }] : []),
    ];
    const problems = await visitAll(context, visits);
    await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  it('puts no script, event handler or javascript: URL into any feed item', async () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, isArray: (n) => n === 'item' || n === 'entry' });
    const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as { '#text': unknown })['#text']) : '');
    const problems: string[] = [];
    const check = (feed: string, item: string, field: string, html: string) => {
      for (const p of htmlProblems(html)) problems.push(`${feed} ${item} ${field}: ${p}`);
    };
    const get = async (path: string) => {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const counts: Record<string, number> = {};

    for (const path of ['/feed.xml', ...(changelogCms ? ['/changelog.xml'] : [])]) {
      const doc = xml.parse(await get(path));
      const items = (doc.rss.channel.item ?? []) as Record<string, unknown>[];
      counts[path] = items.length;
      for (const it of items) {
        check(path, text(it.title), 'content:encoded', text(it['content:encoded']));
        check(path, text(it.title), 'description', text(it.description));
      }
      if (path === '/feed.xml') expect(items.some((i) => text(i.title).startsWith('XSS omnibus'))).toBe(true);
    }
    {
      const doc = xml.parse(await get('/atom.xml'));
      const entries = (doc.feed.entry ?? []) as Record<string, unknown>[];
      counts['/atom.xml'] = entries.length;
      expect(entries.some((e) => text(e.title).startsWith('XSS omnibus'))).toBe(true);
      for (const e of entries) {
        const content = e.content as { '@_type'?: string } | string;
        check('/atom.xml', text(e.title), 'content', text(content));
        if (typeof content === 'object' && content['@_type'] !== 'html' && content['@_type'] !== 'xhtml') problems.push(`/atom.xml ${text(e.title)}: content type ${content['@_type']}`);
      }
    }
    for (const path of ['/feed.json', ...(changelogCms ? ['/api/changelog.json'] : [])]) {
      const doc = JSON.parse(await get(path)) as { items: Array<{ title: string; content_html?: string }> };
      counts[path] = doc.items.length;
      for (const it of doc.items) check(path, it.title, 'content_html', it.content_html ?? '');
      if (path === '/feed.json') expect(doc.items.some((i) => i.title.startsWith('XSS omnibus'))).toBe(true);
    }
    console.log(`[xss] feed items checked: ${JSON.stringify(counts)}`);
    expect(problems).toEqual([]);
  }, 120_000);
});
