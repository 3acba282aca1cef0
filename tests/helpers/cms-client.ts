// Drives CMS forms over plain HTTP exactly as a browser without JavaScript does: load the
// page, take the form's fields (including React's hidden Server Action fields), fill some in,
// and POST it as multipart/form-data. So every Server Action is tested as HTTP, not only
// through the UI.
import * as cheerio from 'cheerio';
import { TEST_ACCOUNTS } from './template-db';

export class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get size(): number {
    return this.cookies.size;
  }
}

export interface FormResult {
  status: number;
  location: string | null;
  /**
   * redirected: the action succeeded and sent the browser on (303);
   * flashed: the action stored its result and sent the browser back to the form (no-JS PRG),
   *   and html/messages are those of the page shown next;
   * rendered: anything else (html is the POST's own answer).
   */
  outcome: 'redirected' | 'flashed' | 'rendered';
  html: string;
  /** Text of the page's status/alert regions, for assertions. */
  messages: string[];
  fieldErrors: string[];
}

export interface SubmitOptions {
  /** Which form on the page (CSS selector); the first form with a Server Action by default. */
  form?: string;
  /** Fields to set (or add); `null` removes a field. */
  fields?: Record<string, string | null>;
  /** The name=value of the submit button pressed (e.g. intent=publish). */
  submit?: Record<string, string>;
  /** Extra headers (e.g. a foreign Origin). */
  headers?: Record<string, string>;
}

/**
 * The name=value pairs a browser submits for a form (HTML's "successful controls"): every named
 * input, textarea and select but buttons, and checkboxes or radios only when checked.
 */
export function successfulControls($: cheerio.CheerioAPI, form: ReturnType<cheerio.CheerioAPI>): [string, string][] {
  const entries: [string, string][] = [];
  form.find('input, textarea, select').each((_, el) => {
    const $el = $(el);
    const name = $el.attr('name');
    const type = ($el.attr('type') ?? '').toLowerCase();
    if (!name || type === 'submit' || type === 'button') return;
    if ((type === 'checkbox' || type === 'radio') && $el.attr('checked') === undefined) return;
    const value =
      el.tagName === 'textarea'
        ? $el.text()
        : el.tagName === 'select'
          ? (($el.find('option[selected]').first().attr('value') ?? $el.find('option').first().attr('value')) ?? '')
          : ($el.attr('value') ?? '');
    entries.push([name, value]);
  });
  return entries;
}

export async function submitForm(base: string, path: string, jar: CookieJar, options: SubmitOptions = {}): Promise<FormResult> {
  const page = await fetch(base + path, { headers: { cookie: jar.header() }, redirect: 'manual' });
  jar.take(page);
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status} (${page.headers.get('location') ?? ''})`);
  const $ = cheerio.load(await page.text());
  const form = options.form ? $(options.form).first() : $('main form').filter((_, f) => $(f).find('input[name^="$ACTION"]').length > 0).first();
  if (form.length === 0) throw new Error(`no form ${options.form ?? 'with a Server Action'} on ${path}`);
  const body = new FormData();
  for (const [name, value] of successfulControls($, form)) if (!(name in (options.fields ?? {}))) body.append(name, value);
  for (const [name, value] of Object.entries(options.fields ?? {})) if (value !== null) body.set(name, value);
  for (const [name, value] of Object.entries(options.submit ?? {})) body.set(name, value);
  const action = form.attr('action');
  const target = action && action !== '' && !action.startsWith('javascript:') ? new URL(action, base + path).toString() : base + path;
  const res = await fetch(target, {
    method: 'POST',
    body,
    headers: { cookie: jar.header(), origin: base, ...options.headers },
    redirect: 'manual',
  });
  jar.take(res);
  const flashed = res.headers.getSetCookie().some((c) => c.startsWith('gazette_flash='));
  let html = await res.text();
  const location = res.headers.get('location');
  if (flashed && location) {
    const next = await fetch(new URL(location, base + path), { headers: { cookie: jar.header() }, redirect: 'manual' });
    jar.take(next);
    html = await next.text();
  }
  const $r = cheerio.load(html);
  return {
    status: res.status,
    location,
    outcome: flashed ? 'flashed' : res.status >= 300 && res.status < 400 ? 'redirected' : 'rendered',
    html,
    messages: $r('[role=status], [role=alert]').map((_, e) => $r(e).text().trim()).get().filter(Boolean),
    fieldErrors: $r('.field-error').map((_, e) => $r(e).text().trim()).get().filter(Boolean),
  };
}

export async function signIn(base: string, who: keyof typeof TEST_ACCOUNTS, headers: Record<string, string> = {}): Promise<CookieJar> {
  const jar = new CookieJar();
  const account = TEST_ACCOUNTS[who];
  const res = await submitForm(base, '/cms/login', jar, { fields: { email: account.email, password: account.password }, headers });
  if (res.outcome !== 'redirected' || jar.size === 0) throw new Error(`sign-in as ${who} failed: ${res.status} ${res.messages.join(' | ')}`);
  return jar;
}
