import type { Metadata } from 'next';
import { cmsDb } from '@/lib/cms/db';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { listTags } from '@/lib/cms/tags';
import { EditTagForm, MergeTagForm } from './tag-forms';

export const metadata: Metadata = { title: 'Tags' };

// Cards rather than a table: each tag carries two forms, and a card reflows on a phone.
export default async function TagsPage({ searchParams }: { searchParams: Promise<{ done?: string; tag?: string }> }) {
  await requireEditor();
  const { done: doneKind, tag: doneSlug } = await searchParams;
  const list = await listTags(await cmsDb());
  // The stored result of a no-JavaScript submission, shown at the card it names.
  const flash = await takeFlash('tags');
  const flashTag = flash?.values?.tag;
  const doneTag = typeof doneSlug === 'string' ? list.find((t) => t.slug === doneSlug) : undefined;
  const done =
    doneTag && doneKind === 'edited'
      ? `Saved tag “${doneTag.slug}”. Posts, the API and the feeds show it now; any former slug redirects to it.`
      : doneTag && doneKind === 'merged'
        ? `Merged into “${doneTag.slug}”: the posts carry it now, and the merged tag's slug redirects to it.`
        : undefined;
  // A refusal for a tag no card shows any more (renamed or merged meanwhile): say it on top.
  const orphan = flash && flash.status !== 'ok' && !list.some((t) => t.slug === flashTag) ? flash : undefined;
  return (
    <main>
      <h1>Tags</h1>
      <p className="meta">
        A tag&apos;s slug is its public name: <code>/api/posts?tag=</code> and the feeds&apos; <code>?tag=</code>. A renamed or merged tag&apos;s old slug keeps
        working: it redirects (308) to the tag that took it over.
      </p>
      {done && (
        <p role="status" className="notice notice-ok">
          {done}
        </p>
      )}
      {orphan && (
        <p role="status" className={`notice notice-${orphan.status}`}>
          {orphan.message}
        </p>
      )}
      {list.length === 0 ? (
        <p>No tags yet. A tag is created by typing it in a post&apos;s Tags field.</p>
      ) : (
        <ul className="tag-list">
          {list.map((t) => {
            const mine = flash && flash.status !== 'ok' && flashTag === t.slug ? flash : undefined;
            return (
              <li key={t.slug} className="tag-card" aria-labelledby={`tag-${t.slug}`}>
                <h2 id={`tag-${t.slug}`}>{t.name}</h2>
                <p className="meta">
                  <code>{t.slug}</code> · {t.posts === 1 ? '1 post' : `${t.posts} posts`}
                  {t.formerSlugs.length > 0 && <> · formerly {t.formerSlugs.map((s) => <code key={s}>{s} </code>)}</>}
                </p>
                {t.description ? <p>{t.description}</p> : <p className="hint">No description.</p>}
                <EditTagForm tag={t} flash={mine?.values?.slug !== undefined || mine?.values?.name !== undefined ? mine : undefined} />
                <MergeTagForm tag={t} others={list.filter((o) => o.slug !== t.slug).map((o) => ({ slug: o.slug, name: o.name }))} flash={mine?.values?.into !== undefined ? mine : undefined} />
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
