// The revisions of one item of any content type: who saved each version and when (to the
// second, in the editor's clock), and a line diff of any two of them, picked with a plain GET
// form (works without JavaScript). The item as it is now and its staged edit can be compared too.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { publicationOf } from '@/lib/cms/content-type';
import { cmsDb } from '@/lib/cms/db';
import { headVersion } from '@/lib/cms/item-rows';
import { getItemForCms } from '@/lib/cms/reads';
import { listRevisions } from '@/lib/cms/revisions';
import { editorClock } from '@/lib/cms/editor-clock';
import { findStaged } from '@/lib/cms/staging';
import { SnapshotDiff } from '../../../snapshot-diff';
import { typeFrom } from '../../type-param';
import { side } from './sides';

export const metadata: Metadata = { title: 'Revisions' };

const pick = z.string().max(40).optional().catch(undefined);

export default async function RevisionsPage({ params, searchParams }: { params: Promise<{ type: string; id: string }>; searchParams: Promise<{ from?: string | string[]; to?: string | string[] }> }) {
  const type = await typeFrom(params);
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const item = await getItemForCms(type, id.data);
  if (!item) notFound();
  const db = await cmsDb();
  const [revs, clock, staged, head] = await Promise.all([listRevisions(type.name, item.id), editorClock(), findStaged(db, type, item.id), headVersion(db, type, item)]);
  const query = await searchParams;
  // Compare the two newest versions unless the editor picked others.
  const from = pick.parse(query.from) ?? revs[1]?.id ?? 'current';
  const to = pick.parse(query.to) ?? revs[0]?.id ?? 'current';
  const ctx = { type, item, staged, revisions: revs, clock };
  const picked = 'from' in query || 'to' in query;
  const [a, b] = [side(from, ctx), side(to, ctx)];
  const base = `/cms/${type.segment}/${item.id}`;
  const status = publicationOf(type, item).status;
  const choice = (name: 'from' | 'to', value: string, label: string) => (
    <input type="radio" name={name} value={value} defaultChecked={(name === 'from' ? from : to) === value} aria-label={`${name === 'from' ? 'Compare from' : 'Compare to'} ${label}`} />
  );
  return (
    <main>
      <h1>Revisions of “{item.title}”</h1>
      <p>
        <a href={base}>Back to editing</a> (version {head}; the {status} row is version {item.version})
      </p>
      <form method="get" action={`${base}/revisions`}>
        <div className="revision-pick-wrap">
          <table className="cms-table revision-pick">
            <thead>
              <tr><th>From</th><th>To</th><th>Version</th><th>Saved ({clock.label})</th><th>By</th><th>Note</th><th></th></tr>
            </thead>
            <tbody>
              {staged && (
                <tr>
                  <td>{choice('from', 'staged', 'the unpublished changes')}</td>
                  <td>{choice('to', 'staged', 'the unpublished changes')}</td>
                  <td>unpublished changes</td>
                  <td>{clock.format(staged.updatedAt, { seconds: true })}</td>
                  <td>{staged.editorName}</td>
                  <td>{staged.publishAt ? `scheduled for ${clock.format(staged.publishAt)}` : 'not public yet'}</td>
                  <td></td>
                </tr>
              )}
              <tr>
                <td>{choice('from', 'current', `the ${status} version now`)}</td>
                <td>{choice('to', 'current', `the ${status} version now`)}</td>
                <td>{status} now</td>
                <td>{clock.format(item.updatedAt, { seconds: true })}</td>
                <td></td>
                <td>what {status === 'published' ? 'the public sees' : 'is saved'}</td>
                <td></td>
              </tr>
              {revs.map((r) => (
                <tr key={r.id}>
                  <td>{choice('from', r.id, `version ${r.entityVersion}`)}</td>
                  <td>{choice('to', r.id, `version ${r.entityVersion}`)}</td>
                  <td>{r.entityVersion}</td>
                  <td>{clock.format(r.createdAt, { seconds: true })}</td>
                  <td>{r.editorName}</td>
                  <td>{r.note}</td>
                  <td><a href={`${base}/revisions/${r.id}`}>View and restore</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="revision-pick-actions"><button type="submit">Compare the two chosen versions</button></p>
      </form>
      <h2 id="compare">Comparison</h2>
      {a && b ? (
        <SnapshotDiff type={type} from={a} to={b} clock={clock} />
      ) : (
        <p className="notice notice-invalid" role="status">
          {picked ? 'One of the chosen versions no longer exists or was stored in a shape this page cannot read; choose another.' : 'Only one version so far: nothing to compare.'}
        </p>
      )}
    </main>
  );
}
