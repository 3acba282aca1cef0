// How an endpoint's state and its deliveries read, in the editor's clock (server components).
import type { Clock } from '@/lib/cms/time';
import { ALL_EVENTS } from '@/lib/webhooks/events';
import type { EndpointView, LastDelivery } from '@/lib/webhooks/endpoints';

export const at = (clock: Clock, date: Date) => (
  <time dateTime={date.toISOString()}>
    {clock.format(date, { seconds: true })}
  </time>
);

/** On, off, or turned off by Gazette: why and since when (the worker sets the reason). */
export function EndpointState({ endpoint, clock }: { endpoint: Pick<EndpointView, 'enabled' | 'disabledReason' | 'failingSince'>; clock: Clock }) {
  if (endpoint.enabled) {
    return (
      <span>
        <span className="badge badge-on">On</span>
        {endpoint.failingSince && <> · failing since {at(clock, endpoint.failingSince)} {clock.labelAt(endpoint.failingSince)}</>}
      </span>
    );
  }
  if (endpoint.disabledReason) {
    return (
      <span>
        <span className="badge badge-gazette-off">Disabled by Gazette</span> {endpoint.disabledReason}
        {endpoint.failingSince && <> (failing since {at(clock, endpoint.failingSince)} {clock.labelAt(endpoint.failingSince)})</>}. Turn it on again once the receiver works.
      </span>
    );
  }
  return <span className="badge badge-off">Off</span>;
}

export function EventList({ events }: { events: string[] }) {
  if (events.includes(ALL_EVENTS)) return <span>every event</span>;
  return (
    <span className="event-list">
      {events.map((e) => (
        <code key={e}>{e}</code>
      ))}
    </span>
  );
}

export const STATUS_SAID = { pending: 'waiting', delivered: 'delivered', failed: 'failed' } as const;

export function LastOutcome({ last, clock }: { last: LastDelivery | undefined; clock: Clock }) {
  if (!last) return <span>No deliveries yet.</span>;
  const answer = last.statusCode !== null ? `HTTP ${last.statusCode}` : last.error ? last.error.slice(0, 200) : undefined;
  return (
    <span>
      <code>{last.eventType}</code> <span className={`badge badge-${last.status}`}>{STATUS_SAID[last.status]}</span>
      {last.attemptAt ? (
        <>
          {' '}
          · last tried {at(clock, last.attemptAt)}
          {answer && <> · {answer}</>}
        </>
      ) : (
        <> · queued {at(clock, last.createdAt)}, not tried yet</>
      )}
    </span>
  );
}
