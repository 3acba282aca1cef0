// Zod building blocks shared by the CMS forms: what an editor may type, and the messages
// they read when it is not right.
import { z } from 'zod';
import { SLUG_RE } from '@/lib/api/posts';

// C0 controls other than tab, LF and CR, and DEL: never meaningful in content.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const MAX_BODY_CHARS = 1_000_000;

export const line = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} is limited to ${max.toLocaleString('en')} characters.`)
    .refine((v) => !/[\u0000-\u001F\u007F]/.test(v), `${label} cannot contain control characters or line breaks.`);

export const requiredLine = (label: string, max: number) => line(label, max).refine((v) => v.length > 0, `${label} is required.`);

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .max(max, `${label} is limited to ${max.toLocaleString('en')} characters.`)
    .refine((v) => !CONTROL.test(v), `${label} cannot contain control characters.`)
    // Browsers send CRLF in textareas; store LF.
    .transform((v) => v.replace(/\r\n?/g, '\n'));

export const slugField = z
  .string({ error: 'The slug must be text.' })
  .trim()
  .min(1, 'A slug is required.')
  .max(200, 'The slug is limited to 200 characters.')
  .regex(SLUG_RE, 'Use lowercase letters, digits and single hyphens (e.g. my-first-post).');

/** An HTML checkbox: present as "on" when ticked, absent otherwise. */
export const checkbox = z.literal('on', { error: 'Tick or untick the box.' }).optional().transform((v) => v === 'on');

/**
 * An absolute http(s) URL, or '' for none. Stored as the WHATWG parser's serialisation (spaces
 * percent-encoded, host lower-cased and punycoded), so what is stored is what a browser resolves.
 */
export const webAddress = (label: string, max: number) =>
  line(label, max)
    .default('')
    .transform((v, ctx) => {
      if (v === '') return '';
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        url = new URL('invalid:');
      }
      if (!['http:', 'https:'].includes(url.protocol) || !url.host || url.username || url.password) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a full web address starting with https:// (or http://).`, input: v });
        return z.NEVER;
      }
      if (url.href.length > max) {
        ctx.addIssue({ code: 'custom', message: `${label} is limited to ${max.toLocaleString('en')} characters.`, input: v });
        return z.NEVER;
      }
      return url.href;
    });

export const idField = z.union([z.literal(''), z.uuid('Unknown item.')]).default('');

export const versionField = z.coerce
  .number({ error: 'The form is out of date; reload the page.' })
  .int('The form is out of date; reload the page.')
  .min(0, 'The form is out of date; reload the page.')
  .max(2_000_000_000, 'The form is out of date; reload the page.');

export const tagsField = z
  .string()
  .max(1000, 'Too many tags.')
  .transform((v) => [...new Set(v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().regex(SLUG_RE, 'Tags use lowercase letters, digits and hyphens, separated by commas.')).max(20, 'At most 20 tags.'));


export { slugify } from './slugify';
