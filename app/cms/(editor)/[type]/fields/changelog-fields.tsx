'use client';
// A changelog entry's fields: Keep a Changelog's categories, a product version, the details.
import type { ChangelogEntry } from '@/db/schema';
import { Field } from '../../field';
import type { FieldsProps } from '../fields';
import { MarkdownInput } from './markdown-input';

// Keep a Changelog's meaning of each category, so editors pick the same one for the same kind of change.
const CATEGORIES: Record<ChangelogEntry['category'], string> = {
  added: 'Added: new features',
  changed: 'Changed: changes in existing behaviour',
  deprecated: 'Deprecated: soon-to-be removed features',
  removed: 'Removed: features now gone',
  fixed: 'Fixed: bug fixes',
  security: 'Security: vulnerabilities fixed',
};

export function ChangelogFields({ value, err, control }: FieldsProps) {
  return (
    <>
      <Field name="title" label="Title" error={err('title')} hint="One line saying what changed, e.g. “Feeds now send ETag headers”.">
        <input {...control('title')} required maxLength={300} defaultValue={value('title')} />
      </Field>
      <div className="field-row">
        <Field name="category" label="Category" error={err('category')}>
          <select {...control('category', false)} required defaultValue={value('category')}>
            <option value="" disabled>Choose…</option>
            {Object.entries(CATEGORIES).map(([v, label]) => (
              <option key={v} value={v}>{label}</option>
            ))}
          </select>
        </Field>
        <Field name="productVersion" label="Product version" error={err('productVersion')} hint="The release it ships in, e.g. 2.4.0. Leave empty if unversioned.">
          <input {...control('productVersion')} maxLength={50} defaultValue={value('productVersion')} />
        </Field>
      </div>
      <Field name="body" label="Details (Markdown)" error={err('body')} hint="GitHub-flavoured Markdown. Use Preview to see it rendered.">
        <MarkdownInput {...control('body')} rows={12} defaultValue={value('body')} />
      </Field>
    </>
  );
}
