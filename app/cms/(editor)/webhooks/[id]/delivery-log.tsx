// An endpoint's deliveries, newest first: each one's event, change-log position, status, attempts
// and next attempt; opened (a <details>, so without JavaScript too), its attempts with the time,
// HTTP status, duration, the start of the response (text, never markup) and the error.
import type { ActionState } from '@/lib/cms/action';
import type { Clock } from '@/lib/cms/time';
import type { listDeliveries } from '@/lib/webhooks/endpoints';
import { RedeliverForm } from '../endpoint-controls';
import { at, STATUS_SAID } from '../endpoint-state';

type Page = Awaited<ReturnType<typeof listDeliveries>>;

/** The excerpt as the page shows it: a few lines, however long the stored one is. */
const EXCERPT_CHARS = 1000;

export function DeliveryLog({ endpointId, page, clock, flash }: { endpointId: string; page: Page; clock: Clock; flash?: ActionState }) {
  if (page.deliveries.length === 0) return <p>No deliveries on this page.</p>;
  return (
    <ol className="delivery-list" aria-label="Deliveries, newest first">
      {page.deliveries.map((d) => {
        const mine = flash?.values?.delivery === d.id ? flash : undefined;
        return (
          <li key={d.id} className="delivery">
            <details open={mine ? true : undefined}>
              <summary>
                <code>{d.eventType}</code> · {d.changePosition === null ? 'test event' : <>position {d.changePosition}</>} ·{' '}
                <span className={`badge badge-${d.status}`}>{STATUS_SAID[d.status]}</span> · {d.attempts === 1 ? '1 attempt' : `${d.attempts} attempts`}
                {d.status === 'pending' && <> · next attempt {at(clock, d.nextAttemptAt)}</>}
                {d.status !== 'pending' && d.completedAt && <> · {d.status === 'delivered' ? 'delivered' : 'gave up'} {at(clock, d.completedAt)}</>}
              </summary>
              <div className="delivery-body">
                <p className="meta">
                  <code>webhook-id: {d.id}</code> · queued {at(clock, d.createdAt)}
                  {d.status === 'pending' && d.sending && ' · being sent now'}
                </p>
                {d.tries.length === 0 ? (
                  <p>Not tried yet.</p>
                ) : (
                  <ol className="attempt-list" aria-label={`Attempts of ${d.id}, newest first`}>
                    {d.tries.map((t) => (
                      <li key={t.id}>
                        <p>
                          {at(clock, t.startedAt)} · {t.statusCode !== null ? <strong>HTTP {t.statusCode}</strong> : <strong>no answer</strong>} · {t.durationMs} ms
                        </p>
                        {t.error && <p className="field-error">{t.error}</p>}
                        {t.responseExcerpt ? (
                          <pre className="response-excerpt" aria-label="Start of the response">
                            {t.responseExcerpt.slice(0, EXCERPT_CHARS)}
                          </pre>
                        ) : (
                          t.statusCode !== null && <p className="hint">Empty response.</p>
                        )}
                      </li>
                    ))}
                  </ol>
                )}
                {d.status !== 'pending' ? <RedeliverForm id={endpointId} delivery={d.id} flash={mine} /> : mine && <p className={`notice notice-${mine.status}`} role="status">{mine.message}</p>}
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
