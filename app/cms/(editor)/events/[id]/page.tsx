import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { toWallInputs } from '@/lib/cms/event-times';
import { getEventForCms } from '@/lib/cms/events';
import { takeFlash } from '@/lib/cms/flash';
import { GoneItem } from '../../gone-item';
import { DeleteEventForm } from '../delete-form';
import { EventForm } from '../event-form';

export const metadata: Metadata = { title: 'Edit event' };

export default async function EditEventPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const event = await getEventForCms(id.data);
  if (!event) {
    const gone = await takeFlash(`event:${id.data}`);
    if (gone) return <GoneItem flash={gone} kind="event" listHref="/cms/events" />;
    notFound();
  }
  const { saved } = await searchParams;
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts); only one of them matches.
  const flash = await takeFlash(`event:${event.id}`);
  const deleteFlash = await takeFlash(`event-delete:${event.id}`);
  return (
    <main>
      <h1>Edit event</h1>
      <p className="meta">
        <a href={`/cms/events/${event.id}/revisions`}>Revisions</a>
        {event.published && (
          <>
            {' '}· <a href={`/api/events/${event.id}.ics`}>Calendar file</a>
          </>
        )}
        {' '}· calendar UID <code>{event.uid}</code>, sequence {event.sequence}
      </p>
      {/* Remount on every new version so the fields show what was saved. */}
      <EventForm
        key={event.version}
        saved={typeof saved === 'string' ? saved : undefined}
        flash={flash}
        initial={{
          id: event.id,
          version: String(event.version),
          title: event.title,
          description: event.description,
          location: event.location,
          url: event.url ?? '',
          timeZone: event.timeZone,
          allDay: event.allDay,
          ...toWallInputs(event.startsAt, event.endsAt, event.allDay, event.timeZone),
          status: event.status,
          published: event.published,
        }}
      />
      <DeleteEventForm id={event.id} version={event.version} title={event.title} published={event.published} flash={deleteFlash} />
    </main>
  );
}
