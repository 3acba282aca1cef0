import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { describeWhen } from '@/lib/cms/event-times';
import { getEventForCms } from '@/lib/cms/events';
import { takeFlash } from '@/lib/cms/flash';
import { getRevision } from '@/lib/cms/revisions';
import { TextDiff } from '../../../../text-diff';
import { RestoreForm } from '../../../../restore-form';
import { restoreEventAction } from '../../../actions';

export const metadata: Metadata = { title: 'Revision' };

const FIELDS = ['title', 'location', 'url', 'status', 'published', 'sequence'] as const;

const show = (v: unknown) => (v == null || v === '' ? '—' : String(v));

/** Start and end as the editor typed them: local to the event's zone (snapshots hold instants). */
function when(v: Record<string, unknown>): string {
  const { startsAt, endsAt, allDay, timeZone } = v;
  const instant = (x: unknown) => x instanceof Date || typeof x === 'string';
  if (!instant(startsAt) || !instant(endsAt) || typeof timeZone !== 'string') return '—';
  return describeWhen(startsAt as Date | string, endsAt as Date | string, allDay === true, timeZone);
}

export default async function EventRevisionPage({ params }: { params: Promise<{ id: string; revisionId: string }> }) {
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(await params);
  if (!ids.success) notFound();
  const [event, rev] = await Promise.all([getEventForCms(ids.data.id), getRevision(ids.data.revisionId)]);
  if (!event || !rev || rev.entityId !== event.id || rev.entityType !== 'event') notFound();
  const flash = await takeFlash(`event-restore:${rev.id}`);
  const snap = rev.snapshot;
  const current: Record<string, unknown> = { ...event };
  const rows: [string, string, string][] = [
    ...FIELDS.map((f): [string, string, string] => [f, show(current[f]), show(snap[f])]),
    ['when', when(current), when(snap)],
  ];
  return (
    <main>
      <h1>Version {rev.entityVersion} of “{event.title}”</h1>
      <p className="meta">
        Saved by {rev.editorName} at {rev.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC{rev.note ? ` (${rev.note})` : ''}.{' '}
        <a href={`/cms/events/${event.id}/revisions`}>All revisions</a>
      </p>
      <h2>Compared with the current version ({event.version})</h2>
      <table className="cms-table">
        <thead><tr><th>Field</th><th>Current</th><th>This revision</th></tr></thead>
        <tbody>
          {rows.map(([field, now, then]) => (
            <tr key={field} className={now !== then ? 'changed' : undefined}>
              <td>{field}</td><td>{now}</td><td>{then}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Description</h3>
      <TextDiff label="Description" current={event.description} revision={typeof snap.description === 'string' ? snap.description : ''} />
      <p className="meta">
        Restoring brings back the text, place, times and status; whether the event is published stays as it is now. If the times, place,
        title or status change, subscribed calendars take it as an update.
      </p>
      <RestoreForm action={restoreEventAction} id={event.id} version={event.version} revisionId={rev.id} revisionVersion={rev.entityVersion} flash={flash} />
    </main>
  );
}
