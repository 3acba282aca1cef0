// Highlighted search excerpts that cannot inject markup. ts_headline marks the matched words with
// the delimiters it is given, in the middle of the post's own text: had it been given `<mark>`,
// a post containing `<mark>` or `<script>` could not be told apart from it. So it is given two
// private sentinels instead (removed from the document before ts_headline runs, see
// ./search-query.ts), and this module escapes every character of the passage and only then turns
// the sentinels into <mark> elements, always balanced.
import type { ExcerptDoc } from '@/lib/api/search';
import { escapeHtml } from './markdown';

/** U+27E6 / U+27E7 (mathematical white square brackets): printable, and stripped from the text searched. */
export const HIGHLIGHT_START = '\u27E6';
export const HIGHLIGHT_STOP = '\u27E7';

/** A run of the excerpt: matched (highlighted) or not. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** The passage ts_headline returned, as runs; stray or nested sentinels are dropped, never trusted. */
export function excerptParts(headline: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let open = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, mark: open });
    text = '';
  };
  for (const ch of headline.replace(/\s+/gu, ' ').trim()) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_STOP) {
      const opening = ch === HIGHLIGHT_START;
      if (opening !== open) {
        flush();
        open = opening;
      }
      continue;
    }
    text += ch;
  }
  flush();
  return parts;
}

/** The excerpt as the API serves it: plain text, and HTML whose only markup is <mark>. */
export function excerptDocument(parts: ExcerptPart[]): ExcerptDoc {
  return {
    text: parts.map((p) => p.text).join(''),
    html: parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join(''),
  };
}
