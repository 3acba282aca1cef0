// A new item of any content type.
import type { Metadata } from 'next';
import { takeFlash } from '@/lib/cms/flash';
import { cmsDb } from '@/lib/cms/db';
import { formName } from '@/lib/cms/item-actions';
import { requireEditor } from '@/lib/cms/session';
import { ItemForm } from '../item-form';
import { typeFrom } from '../type-param';

export async function generateMetadata({ params }: { params: Promise<{ type: string }> }): Promise<Metadata> {
  return { title: `New ${(await typeFrom(params)).labels.singular}` };
}

export default async function NewItemPage({ params }: { params: Promise<{ type: string }> }) {
  const type = await typeFrom(params);
  const editor = await requireEditor();
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts).
  const options = type.fieldOptions ? await type.fieldOptions(await cmsDb(), editor) : {};
  const defaults = Object.fromEntries(Object.entries(options).flatMap(([name, o]) => (o.default === undefined ? [] : [[name, o.default]])));
  const [flash, previewFlash] = [await takeFlash(formName(type, 'save', '')), await takeFlash(formName(type, 'preview', ''))];
  return (
    <main>
      <h1>New {type.labels.singular}</h1>
      <ItemForm
        type={type.name}
        labels={type.labels}
        text={{ field: type.textField, label: type.revisions.text.label }}
        id=""
        version={0}
        status="draft"
        initial={{ ...type.blank(editor), ...defaults, publishAt: '' }}
        options={options}
        hasPreview={Boolean(type.preview)}
        flash={flash}
        previewFlash={previewFlash}
      />
    </main>
  );
}
