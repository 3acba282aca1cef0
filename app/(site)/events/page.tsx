import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getConfig } from '@/lib/config';
import { getEventsForPage } from '@/lib/content/events';
import { feedAlternateTypes } from '@/lib/content/site-metadata';
import { breadcrumbList, eventAnchor, eventJsonLd } from '@/lib/content/structured-data';
import { JsonLd } from '../json-ld';

// Blocking (no <Suspense>), so the page works without JavaScript; see app/page.tsx.
export const instant = false;

export const metadata: Metadata = {
  title: 'Events',
  description: 'Upcoming talks, meetups and releases; subscribe in your calendar app.',
  alternates: { types: { ...feedAlternateTypes, 'text/calendar': [{ url: '/api/events.ics', title: 'Gazette events (iCalendar)' }] } },
};

function when(e: Awaited<ReturnType<typeof getEventsForPage>>[number]): string {
  if (e.allDay) return e.startDate === e.lastDate ? `${e.startDate} (all day)` : `${e.startDate} – ${e.lastDate} (all day)`;
  const fmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: e.timeZone, timeZoneName: 'short' });
  return `${fmt.format(new Date(e.start))} – ${fmt.format(new Date(e.end))}`;
}

export default function EventsPage() {
  return <Events />;
}

async function Events() {
  await connection();
  const siteUrl = getConfig().siteUrl;
  const webcal = `${siteUrl.replace(/^https?:/, 'webcal:')}/api/events.ics`;
  const list = await getEventsForPage();
  return (
    <>
      {/* Beside <main>, not in it: the content area holds no <script> of any kind. */}
      <JsonLd data={[breadcrumbList([{ name: 'Home', url: `${siteUrl}/` }, { name: 'Events', url: `${siteUrl}/events` }]), ...list.map((e) => eventJsonLd(e, siteUrl))]} />
      <main>
        <h1>Events</h1>
        <p>
          <a href={webcal} data-testid="subscribe">Subscribe in your calendar app</a> (or add{' '}
          <code>{`${siteUrl}/api/events.ics`}</code> by URL).
        </p>
        <ul className="post-list">
          {list.map((e) => (
            <li key={e.id} id={eventAnchor(e.id)}>
              <h2>
                {e.title}
                {e.status !== 'confirmed' && <span className={`badge badge-${e.status}`}> {e.status}</span>}
              </h2>
              <p className="meta">
                {when(e)} · {e.location}
              </p>
              <p>{e.description}</p>
              <a href={`/api/events/${e.id}.ics`} download>
                Add to calendar (.ics)
              </a>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
