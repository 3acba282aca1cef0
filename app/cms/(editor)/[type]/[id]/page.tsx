// Editing an item of any content type: its form, links to its revisions and public copy, delete.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { takeFlash } from '@/lib/cms/flash';
import { editorClock } from '@/lib/cms/editor-clock';
import { formName } from '@/lib/cms/item-actions';
import { savedNotice } from '@/lib/cms/items';
import { cmsDb } from '@/lib/cms/db';
import { getItemForCms } from '@/lib/cms/reads';
import { requireEditor } from '@/lib/cms/session';
import { GoneItem } from '../../gone-item';
import { DeleteForm } from '../delete-form';
import { ItemForm } from '../item-form';
import { typeFrom } from '../type-param';

export async function generateMetadata({ params }: { params: Promise<{ type: string }> }): Promise<Metadata> {
  return { title: `Edit ${(await typeFrom(params)).labels.singular}` };
}

export default async function EditItemPage({ params, searchParams }: { params: Promise<{ type: string; id: string }>; searchParams: Promise<{ saved?: string; update?: string }> }) {
  const type = await typeFrom(params);
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getItemForCms(type, id.data);
  if (!item) {
    // Deleted while an editor was saving it: the message and what they typed, not a 404.
    const gone = await takeFlash(formName(type, 'save', id.data));
    if (gone) return <GoneItem flash={gone} kind={type.labels.singular} listHref={`/cms/${type.segment}`} />;
    notFound();
  }
  const { saved, update } = await searchParams;
  const options = type.fieldOptions ? await type.fieldOptions(await cmsDb(), await requireEditor()) : {};
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts); only one of them matches.
  const flash = await takeFlash(formName(type, 'save', item.id));
  const previewFlash = await takeFlash(formName(type, 'preview', item.id));
  const deleteFlash = await takeFlash(formName(type, 'delete', item.id));
  const publication = publicationOf(type, item);
  const base = `/cms/${type.segment}/${item.id}`;
  return (
    <main>
      <h1>Edit {type.labels.singular}</h1>
      <p className="meta">
        {type.preview && (
          <>
            <a href={`${base}/preview`}>Preview the saved version</a> ·{' '}
          </>
        )}
        <a href={`${base}/revisions`}>Revisions</a>
        {publication.status === 'published' && type.publicUrl && (
          <>
            {' '}· <a href={type.publicUrl(item)}>Public copy</a>
          </>
        )}
      </p>
      {/* Remount on every new version so the fields show what was saved. */}
      <ItemForm
        key={item.version}
        type={type.name}
        label={type.labels.singular}
        id={item.id}
        version={item.version}
        status={publication.status}
        initial={{ ...type.toForm(item), publishAt: (await editorClock()).toInput(publication.status === 'scheduled' ? publication.publishedAt : null) }}
        notice={typeof saved === 'string' ? savedNotice(type, saved, update === '1') : undefined}
        hasPreview={Boolean(type.preview)}
        options={options}
        flash={flash}
        previewFlash={previewFlash}
        publishedAt={publication.status === 'published' && publication.publishedAt ? (await editorClock()).format(publication.publishedAt) : undefined}
      />
      <DeleteForm
        type={type.name}
        label={type.labels.singular}
        id={item.id}
        version={item.version}
        title={item.title}
        effect={type.messages.deleteEffect(publication.status === 'published')}
        flash={deleteFlash}
      />
    </main>
  );
}
