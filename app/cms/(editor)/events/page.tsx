import type { Metadata } from 'next';
import { describeWhen } from '@/lib/cms/event-times';
import { listEventsForCms, type EventFilter } from '@/lib/cms/events';

export const metadata: Metadata = { title: 'Events' };
const FILTERS: EventFilter[] = ['upcoming', 'past', 'unpublished'];

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ show?: string; deleted?: string }> }) {
  const { show: raw, deleted } = await searchParams;
  const filter = FILTERS.find((f) => f === raw);
  const rows = await listEventsForCms(filter, 200);
  return (
    <main>
      <h1>Events</h1>
      {deleted && (
        <p className="notice notice-ok" role="status">
          Deleted.{deleted === 'published' && ' Subscribed calendars show it as cancelled for 30 days, then drop it.'}
        </p>
      )}
      <p>
        <a className="button" href="/cms/events/new">New event</a>
      </p>
      <nav aria-label="Filter events" className="filters">
        <a href="/cms/events" aria-current={!filter ? 'page' : undefined}>All</a>
        {FILTERS.map((f) => (
          <a key={f} href={`/cms/events?show=${f}`} aria-current={filter === f ? 'page' : undefined}>
            {f}
          </a>
        ))}
      </nav>
      <table className="cms-table">
        <thead>
          <tr><th>Title</th><th>When (local to the event)</th><th>Status</th><th>Public</th></tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td><a href={`/cms/events/${e.id}`}>{e.title}</a></td>
              <td>{describeWhen(e.startsAt, e.endsAt, e.allDay, e.timeZone)}</td>
              <td><span className={`badge badge-${e.status}`}>{e.status}</span></td>
              <td>{e.published ? 'published' : <span className="badge badge-draft">unpublished</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="meta">No events{filter ? ` (${filter})` : ''}.</p>}
    </main>
  );
}
