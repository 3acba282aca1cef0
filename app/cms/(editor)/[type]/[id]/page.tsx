// Editing an item of any content type: its form, links to its revisions and public copy, delete.
// A published item with staged edits (lib/cms/staging.ts) shows them in the form, under a banner.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { BULK_STAGED } from '@/lib/cms/bulk';
import { publicationOf } from '@/lib/cms/content-type';
import { takeFlash } from '@/lib/cms/flash';
import { editorClock } from '@/lib/cms/editor-clock';
import { formName } from '@/lib/cms/item-actions';
import { savedNotice } from '@/lib/cms/items';
import { headVersion } from '@/lib/cms/item-rows';
import { findStaged, stagedItem } from '@/lib/cms/staging';
import { cmsDb } from '@/lib/cms/db';
import { getItemForCms } from '@/lib/cms/reads';
import { requireEditor } from '@/lib/cms/session';
import { GoneItem } from '../../gone-item';
import { DeleteForm } from '../delete-form';
import { ItemForm } from '../item-form';
import { typeFrom } from '../type-param';
import { StagedBanner } from './staged-banner';

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
  const db = await cmsDb();
  const options = type.fieldOptions ? await type.fieldOptions(db, await requireEditor()) : {};
  // The form carries the newest revision's number (staged saves included), not the row's.
  const [staged, version, clock] = await Promise.all([findStaged(db, type, item.id), headVersion(db, type, item), editorClock()]);
  const shown = staged ? stagedItem(type, item, staged) : undefined;
  const stagedFlash = await takeFlash(formName(type, 'staged', item.id));
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts); only one of them matches.
  const flash = await takeFlash(formName(type, 'save', item.id));
  const previewFlash = await takeFlash(formName(type, 'preview', item.id));
  const deleteFlash = await takeFlash(formName(type, 'delete', item.id));
  const publication = publicationOf(type, item);
  const goesLive = staged?.publishAt ?? (publication.status === 'scheduled' ? publication.publishedAt : null);
  const base = `/cms/${type.segment}/${item.id}`;
  return (
    <main>
      <h1>Edit {type.labels.singular}</h1>
      <p className="meta">
        {type.preview && (
          <>
            <a href={`${base}/preview`}>{staged ? 'Preview the unpublished changes' : 'Preview the saved version'}</a> ·{' '}
          </>
        )}
        <a href={`${base}/revisions`}>Revisions</a>
        {staged && (
          <>
            {' '}· <a href={`${base}/revisions?from=current&to=staged`}>Unpublished changes</a>
          </>
        )}
        {publication.status === 'published' && type.publicUrl && (
          <>
            {' '}· <a href={type.publicUrl(item)}>Public copy</a>
          </>
        )}
      </p>
      {staged && (
        <StagedBanner
          type={type.name}
          label={type.labels.singular}
          id={item.id}
          version={version}
          editorName={staged.editorName}
          savedAt={clock.stamp(staged.updatedAt, { seconds: true })}
          goesLiveAt={staged.publishAt ? clock.stamp(staged.publishAt) : null}
          publishAtInput={clock.toInput(staged.publishAt)}
          clockLabel={clock.label}
          diffHref={`${base}/revisions?from=current&to=staged`}
          previewHref={type.preview ? `${base}/preview` : undefined}
          unreadable={!shown}
          flash={stagedFlash}
        />
      )}
      {/* Remount on every new version so the fields show what was saved. */}
      <ItemForm
        key={version}
        type={type.name}
        labels={type.labels}
        text={{ field: type.textField, label: type.revisions.text.label }}
        id={item.id}
        version={version}
        status={publication.status}
        initial={{ ...type.toForm(shown ?? item), publishAt: clock.toInput(goesLive) }}
        notice={typeof saved === 'string' ? savedNotice(type, saved, update === '1', clock, goesLive) : undefined}
        hasPreview={Boolean(type.preview)}
        options={options}
        flash={flash}
        previewFlash={previewFlash}
        publishedAt={publication.status === 'published' && publication.publishedAt ? clock.stamp(publication.publishedAt) : undefined}
      />
      <DeleteForm
        type={type.name}
        label={type.labels.singular}
        id={item.id}
        version={version}
        title={item.title}
        effect={`${type.messages.deleteEffect(publication.status === 'published')}${staged ? `; ${BULK_STAGED.delete.item}` : ''}`}
        flash={deleteFlash}
      />
    </main>
  );
}
