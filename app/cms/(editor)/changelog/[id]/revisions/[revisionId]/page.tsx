import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getChangelogForCms } from '@/lib/cms/changelog';
import { takeFlash } from '@/lib/cms/flash';
import { getRevision } from '@/lib/cms/revisions';
import { TextDiff } from '../../../../text-diff';
import { RestoreForm } from '../../../../restore-form';
import { restoreChangelogAction } from '../../../actions';

export const metadata: Metadata = { title: 'Revision' };

const FIELDS = ['title', 'category', 'productVersion', 'status', 'publishedAt'] as const;

export default async function ChangelogRevisionPage({ params }: { params: Promise<{ id: string; revisionId: string }> }) {
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(await params);
  if (!ids.success) notFound();
  const [entry, rev] = await Promise.all([getChangelogForCms(ids.data.id), getRevision(ids.data.revisionId)]);
  if (!entry || !rev || rev.entityId !== entry.id || rev.entityType !== 'changelog') notFound();
  const flash = await takeFlash(`changelog-restore:${rev.id}`);
  const snap = rev.snapshot;
  const current: Record<string, unknown> = { ...entry, publishedAt: entry.publishedAt?.toISOString() ?? null };
  const show = (v: unknown) => (v == null || v === '' ? '—' : String(v));
  return (
    <main>
      <h1>Version {rev.entityVersion} of “{entry.title}”</h1>
      <p className="meta">
        Saved by {rev.editorName} at {rev.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC{rev.note ? ` (${rev.note})` : ''}.{' '}
        <a href={`/cms/changelog/${entry.id}/revisions`}>All revisions</a>
      </p>
      <h2>Compared with the current version ({entry.version})</h2>
      <table className="cms-table">
        <thead><tr><th>Field</th><th>Current</th><th>This revision</th></tr></thead>
        <tbody>
          {FIELDS.map((f) => (
            <tr key={f} className={show(current[f]) !== show(snap[f]) ? 'changed' : undefined}>
              <td>{f}</td><td>{show(current[f])}</td><td>{show(snap[f])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Details</h3>
      <TextDiff label="Details" current={entry.body} revision={typeof snap.body === 'string' ? snap.body : ''} />
      <p className="meta">Restoring brings back the text, category and product version; the status stays as it is now.</p>
      <RestoreForm action={restoreChangelogAction} id={entry.id} version={entry.version} revisionId={rev.id} revisionVersion={rev.entityVersion} flash={flash} />
    </main>
  );
}
