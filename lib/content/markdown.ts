// Markdown → sanitised HTML: `marked` (GFM) parses, `sanitize-html` keeps an allowlist.
// Relative links become absolute against the site URL, so the HTML reads the same in an API
// response, a feed reader or an e-mail.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { ImageDoc } from '@/lib/media/documents';
import { fallbackType, srcsetOf } from './image-markup';

// A wide table scrolls inside its own box, never the page (the 390 px phone rule): each table gets
// a wrapper, added before sanitising so the allowlist still judges the result.
const marked = new Marked({
  gfm: true,
  async: false,
  hooks: {
    postprocess: (html) => html.replace(/<table>/g, '<div class="table-scroll"><table>').replace(/<\/table>/g, '</table></div>'),
  },
});

// WCAG 2.1.1 (axe's scrollable-region-focusable): a box that may scroll sideways, a code block
// or a table's wrapper, must be reachable by keyboard to be scrolled without a pointer.
const KEYBOARD_SCROLLABLE = { tabindex: '0' };

function absolute(url: string, base: string): string {
  try {
    return new URL(url, `${base}/`).href;
  } catch {
    return url;
  }
}

export interface MarkdownImages {
  /** Our library's images the body shows, by the hash in their URL (lib/content/post-images.ts). */
  images: ReadonlyMap<string, ImageDoc>;
  /** The `sizes` of the column the body is shown in. */
  sizes: string;
}

const OUR_MEDIA = /^\/media\/([0-9a-f]{64})\//;

/**
 * An image of the body. Ours (a /media/{hash}/ URL the library knows) gains its files as srcset
 * and its width and height, so the page reserves its box (no layout shift); every body image
 * loads lazily (the cover, not the body, is the page's largest paint). A srcset or sizes typed
 * into the body is dropped: only the ones we build are kept.
 */
function bodyImage(attribs: sanitizeHtml.Attributes, siteUrl: string, images: MarkdownImages | undefined): sanitizeHtml.Attributes {
  const { src, alt, title, width, height } = attribs;
  const out: sanitizeHtml.Attributes = { ...(src ? { src: absolute(src, siteUrl) } : {}), ...(alt !== undefined ? { alt } : {}), ...(title ? { title } : {}), ...(width ? { width } : {}), ...(height ? { height } : {}) };
  const path = out.src?.startsWith(`${siteUrl}/`) ? out.src.slice(siteUrl.length) : undefined;
  const doc = path && images ? images.images.get(OUR_MEDIA.exec(path)?.[1] ?? '') : undefined;
  if (doc) {
    const set = srcsetOf(doc, fallbackType(doc));
    Object.assign(out, { width: String(doc.width), height: String(doc.height), ...(set ? { srcset: set, sizes: images!.sizes } : {}) });
  }
  return { ...out, loading: 'lazy', decoding: 'async' };
}

export function renderMarkdown(markdown: string, siteUrl: string, images?: MarkdownImages): string {
  const raw = marked.parse(markdown, { async: false });
  return sanitizeHtml(raw, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2', 'del', 'ins', 'sup', 'sub'],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'srcset', 'sizes', 'loading', 'decoding'],
      code: ['class'],
      pre: ['tabindex'],
      div: ['class', 'tabindex'],
      th: ['align'],
      td: ['align'],
      ol: ['start'],
    },
    allowedClasses: { code: [/^language-[\w+-]+$/], div: ['table-scroll'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: attribs.href ? { ...attribs, href: absolute(attribs.href, siteUrl) } : attribs,
      }),
      img: (tagName, attribs) => ({ tagName, attribs: bodyImage(attribs, siteUrl, images) }),
      pre: (tagName) => ({ tagName, attribs: KEYBOARD_SCROLLABLE }),
      div: (tagName, attribs) => ({ tagName, attribs: attribs.class === 'table-scroll' ? { class: 'table-scroll', ...KEYBOARD_SCROLLABLE } : {} }),
    },
  }).trim();
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
