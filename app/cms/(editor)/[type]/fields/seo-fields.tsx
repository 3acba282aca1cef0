'use client';
// A post's search and sharing fields (issue 15): each one empty means the post's own (title,
// summary, page URL), shown as the placeholder where that helps. Plain inputs: they work without
// JavaScript, and the server's checks (lib/cms/types/post.ts) give the field errors.
import { describedBy, Field } from '../../field';
import { CANONICAL_URL_MAX, META_DESCRIPTION_MAX, META_TITLE_MAX } from '@/lib/cms/seo-limits';
import type { FieldsProps } from '../fields';


export function SeoFields({ value, checked, err, control }: Pick<FieldsProps, 'value' | 'checked' | 'err' | 'control'>) {
  const noindexError = err('noindex');
  return (
    <fieldset className="seo-fields">
      <legend>Search and sharing</legend>
      <Field name="metaTitle" label="Meta title" error={err('metaTitle')} hint={`For search results and link previews, up to ${META_TITLE_MAX} characters; empty uses the title.`}>
        <input {...control('metaTitle')} maxLength={META_TITLE_MAX} defaultValue={value('metaTitle')} placeholder={value('title')} />
      </Field>
      <Field name="metaDescription" label="Meta description" error={err('metaDescription')} hint={`Up to ${META_DESCRIPTION_MAX} characters; empty uses the summary.`}>
        <input {...control('metaDescription')} maxLength={META_DESCRIPTION_MAX} defaultValue={value('metaDescription')} placeholder={value('summary')} />
      </Field>
      <Field name="canonicalUrl" label="Canonical URL" error={err('canonicalUrl')} hint="Only when the original lives elsewhere (a full https:// address); the post then leaves the sitemap.">
        <input {...control('canonicalUrl')} type="url" maxLength={CANONICAL_URL_MAX} inputMode="url" spellCheck={false} defaultValue={value('canonicalUrl')} />
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" id="noindex" name="noindex" defaultChecked={checked('noindex')} aria-invalid={Boolean(noindexError)} aria-describedby={describedBy('noindex', noindexError)} />{' '}
          Hide from search engines (noindex)
        </label>
        <span id="noindex-hint" className="hint">
          The page stays public and in the feeds, but asks search engines not to list it, and leaves the sitemap.
        </span>
        {noindexError && <span id="noindex-error" className="field-error" role="alert">{noindexError}</span>}
      </div>
    </fieldset>
  );
}
