// One webhook endpoint (admins only): its state, on/off, the signing secret's rotation, the
// delivery log with redelivery and a test event, its settings, and deleting it.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cmsDb } from '@/lib/cms/db';
import { editorClock } from '@/lib/cms/editor-clock';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { eventChoices, getEndpoint, listDeliveries } from '@/lib/webhooks/endpoints';
import { ROTATION_OVERLAP_HOURS } from '@/lib/webhooks/secrets';
import { DeleteEndpointForm, RotateForm, TestEventForm, ToggleForm } from '../endpoint-controls';
import { EditEndpointForm } from '../endpoint-form';
import { at, EndpointState, EventList } from '../endpoint-state';
import { DeliveryLog } from './delivery-log';
import '../webhooks.css';

export const metadata: Metadata = { title: 'Webhook endpoint' };

export default async function EndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string | string[] }> }) {
  await requireEditor('admin');
  const db = await cmsDb();
  const endpoint = await getEndpoint(db, (await params).id);
  if (!endpoint) notFound();
  const { after: rawAfter } = await searchParams;
  const after = typeof rawAfter === 'string' ? rawAfter : undefined;
  const [page, clock] = await Promise.all([listDeliveries(db, endpoint.id, after), editorClock()]);
  // The stored result of a no-JavaScript submission, read once (lib/cms/flash.ts); a rotated
  // secret is in its result only, so it shows on this one view and never again.
  const flash = {
    toggle: await takeFlash('webhook-toggle'),
    rotate: await takeFlash('webhook-rotate'),
    test: await takeFlash('webhook-test'),
    redeliver: await takeFlash('webhook-redeliver'),
    edit: await takeFlash('webhook-edit'),
    remove: await takeFlash('webhook-delete'),
  };
  const redeliverShown = flash.redeliver && page.deliveries.some((d) => d.id === flash.redeliver?.values?.delivery);
  const base = `/cms/webhooks/${endpoint.id}`;
  return (
    <main>
      <p>
        <a href="/cms/webhooks">← Webhooks</a>
      </p>
      <h1>Webhook endpoint</h1>
      <p className="webhook-url">
        <code>{endpoint.url}</code>
      </p>
      {endpoint.description && <p>{endpoint.description}</p>}
      <p>
        <EndpointState endpoint={endpoint} clock={clock} />
      </p>
      <p>
        Events: <EventList events={endpoint.eventTypes} />
      </p>
      <ToggleForm id={endpoint.id} enabled={endpoint.enabled} flash={flash.toggle} />

      <section aria-labelledby="secret-heading">
        <h2 id="secret-heading">Signing secret</h2>
        <p id="rotate-hint">
          Receivers check each delivery&apos;s <code>webhook-signature</code> with this endpoint&apos;s secret (<code>whsec_…</code>). It is shown once, when
          it is made, and never again. Rotating makes a new one; the old one keeps signing beside it for {ROTATION_OVERLAP_HOURS} hours, so the receiver
          can switch without missing a delivery.
        </p>
        {endpoint.previousSecretActive && endpoint.previousSecretExpiresAt && (
          <p className="notice" role="note">
            The previous secret still signs every delivery too, until {at(clock, endpoint.previousSecretExpiresAt)} {clock.labelAt(endpoint.previousSecretExpiresAt)}.
          </p>
        )}
        <RotateForm id={endpoint.id} flash={flash.rotate} />
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Deliveries</h2>
        <p className="meta">
          Newest first; open one to see its attempts. Times in {clock.label}.
          {!endpoint.enabled && ' While the endpoint is off, deliveries waiting to be sent are held; they go out once it is on again.'}
        </p>
        <TestEventForm id={endpoint.id} flash={flash.test} />
        {/* A redelivery refused for a delivery this page does not show (forged, or paged away). */}
        {flash.redeliver && !redeliverShown && (
          <p role="status" className={`notice notice-${flash.redeliver.status}`}>
            {flash.redeliver.message} {Object.values(flash.redeliver.fieldErrors ?? {}).join(' ')}
          </p>
        )}
        <DeliveryLog endpointId={endpoint.id} page={page} clock={clock} flash={flash.redeliver} />
        <nav className="delivery-paging" aria-label="Pages of deliveries">
          {after && <a href={base}>Newest deliveries</a>}
          {page.next && <a href={`${base}?after=${page.next}`}>Older deliveries →</a>}
        </nav>
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <EditEndpointForm endpoint={endpoint} choices={eventChoices()} flash={flash.edit} />
      </section>

      <DeleteEndpointForm id={endpoint.id} url={endpoint.url} flash={flash.remove} />
    </main>
  );
}
