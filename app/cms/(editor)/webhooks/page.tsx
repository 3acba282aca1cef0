// Webhook endpoints (admins only): each with its URL, events, state and last delivery, and the
// form for a new one. Cards rather than a table: they reflow on a phone.
import type { Metadata } from 'next';
import { cmsDb } from '@/lib/cms/db';
import { editorClock } from '@/lib/cms/editor-clock';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { eventChoices, listEndpoints } from '@/lib/webhooks/endpoints';
import { CreateEndpointForm } from './endpoint-form';
import { EndpointState, EventList, LastOutcome } from './endpoint-state';
import './webhooks.css';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  await requireEditor('admin');
  const { deleted } = await searchParams;
  const [list, clock] = await Promise.all([listEndpoints(await cmsDb()), editorClock()]);
  // A new endpoint's secret, when the form was posted without JavaScript: read once, then gone.
  const createFlash = await takeFlash('webhook-create');
  const revealed = createFlash?.status === 'ok';
  const form = <CreateEndpointForm choices={eventChoices()} flash={createFlash} />;
  return (
    <main>
      <h1>Webhooks</h1>
      <p className="meta">
        Gazette POSTs a small signed JSON event (Standard Webhooks: <code>webhook-id</code>, <code>webhook-timestamp</code>,{' '}
        <code>webhook-signature</code>) to each endpoint when something the public sees changes, and retries for about a day. Partners read the
        details from <code>/api/changes</code>. Times in {clock.label}.
      </p>
      {typeof deleted === 'string' && (
        <p role="status" className="notice notice-ok">
          Deleted the endpoint {deleted.slice(0, 300)} and its delivery log.
        </p>
      )}
      {/* A new endpoint's secret, from a form posted without JavaScript: on top, where the page opens. */}
      {revealed && form}
      {list.length === 0 ? (
        <p>No endpoints yet. Add one below.</p>
      ) : (
        <ul className="webhook-list" aria-label="Endpoints">
          {list.map((e) => (
            <li key={e.id} className="webhook-card">
              <h2>
                <a href={`/cms/webhooks/${e.id}`}>{e.url}</a>
              </h2>
              {e.description && <p>{e.description}</p>}
              <p>
                <EndpointState endpoint={e} clock={clock} />
              </p>
              <p>
                Events: <EventList events={e.eventTypes} />
              </p>
              <p className="meta">
                Last delivery: <LastOutcome last={e.last} clock={clock} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {!revealed && form}
    </main>
  );
}
