'use client';
// A post's fields: the slug follows the title until edited, and is checked as the editor leaves it;
// the cover is picked from the media library, and the body takes images (./markdown-input.tsx).
import { useRef, useState } from 'react';
import { slugify } from '@/lib/cms/slugify';
import { Field } from '../../field';
import { checkSlugAction } from '../../item-actions';
import type { FieldsProps } from '../fields';
import { CoverField } from './cover-field';
import { MarkdownInput } from './markdown-input';
import { SeoFields } from './seo-fields';
import { TagInput } from './tag-input';

export function PostFields({ id, value, checked, err, control, options }: FieldsProps) {
  const [slugTouched, setSlugTouched] = useState(Boolean(value('slug')));
  const [slugCheck, setSlugCheck] = useState<{ ok: boolean; message: string } | null>(null);
  const slugRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <Field name="title" label="Title" error={err('title')}>
        <input
          {...control('title', false)}
          required
          maxLength={300}
          defaultValue={value('title')}
          onChange={(e) => {
            if (!slugTouched && slugRef.current) slugRef.current.value = slugify(e.target.value);
          }}
        />
      </Field>
      <Field name="slug" label="Slug" error={err('slug')} hint={slugCheck ? slugCheck.message : 'Lowercase letters, digits and hyphens; the URL is /posts/{slug}.'}>
        <input
          {...control('slug')}
          aria-invalid={Boolean(err('slug')) || slugCheck?.ok === false}
          ref={slugRef}
          required
          maxLength={200}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={value('slug')}
          onChange={() => setSlugTouched(true)}
          onBlur={async (e) => setSlugCheck(e.target.value ? await checkSlugAction(e.target.value, id) : null)}
        />
      </Field>
      <Field name="summary" label="Summary" error={err('summary')} hint="One sentence for lists, feeds and search results.">
        <input {...control('summary')} maxLength={1000} defaultValue={value('summary')} />
      </Field>
      <CoverField value={value} err={err} control={control} />
      <Field name="body" label="Body (Markdown)" error={err('body')} hint="GitHub-flavoured Markdown. Use Preview to see it rendered.">
        <MarkdownInput {...control('body')} rows={18} defaultValue={value('body')} />
      </Field>
      <div className="field-row">
        <Field name="tags" label="Tags" error={err('tags')} hint="Comma-separated, e.g. http, caching; existing tags are suggested as you type.">
          <TagInput {...control('tags')} defaultValue={value('tags')} />
        </Field>
        <Field name="authorId" label="Author" error={err('authorId')}>
          <select {...control('authorId', false)} required defaultValue={value('authorId')}>
            {(options.authorId?.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <SeoFields value={value} checked={checked} err={err} control={control} />
    </>
  );
}
