import type { Metadata } from 'next';
import { takeFlash } from '@/lib/cms/flash';
import { EventForm } from '../event-form';

export const metadata: Metadata = { title: 'New event' };

export default async function NewEventPage() {
  // A no-JavaScript submission's result, shown once (lib/cms/flash.ts).
  const flash = await takeFlash('event:');
  return (
    <main>
      <h1>New event</h1>
      <EventForm
        flash={flash}
        initial={{ id: '', version: '0', title: '', description: '', location: '', url: '', timeZone: '', allDay: false, start: '', end: '', status: 'confirmed', published: false }}
      />
    </main>
  );
}
