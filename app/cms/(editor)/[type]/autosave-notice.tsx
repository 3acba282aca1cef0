'use client';
// "Unsaved changes from <time> — Restore them / Discard": what autosave kept for this form
// (./use-autosave.ts), with the fields that differ from what is saved, long text as a short
// line diff. An autosave typed against an older version says so: saving it then meets the
// stale-version check (./use-autosave.ts), so it cannot silently undo someone else's save.
import { diffLines } from 'diff';
import type { AutosaveOffer } from './use-autosave';
import './autosave-notice.css';

const MAX_DIFF_LINES = 12;

export function AutosaveNotice({ offer, label, onRestore, onDiscard }: { offer: AutosaveOffer; label: string; onRestore: () => void; onDiscard: () => void }) {
  return (
    <section className="autosave-offer" aria-labelledby="autosave-offer-title">
      <p id="autosave-offer-title" role="status">
        <strong>Unsaved changes from {offer.savedAtText}</strong> were kept for this form.
      </p>
      {offer.staleBase && (
        <p className="notice notice-conflict autosave-stale">
          {`They were saved against version ${offer.staleBase.autosaved}; the ${label} is now at version ${offer.staleBase.now}. Review the differences below: if you restore them, saving reports the newer version as a conflict and overwrites nothing.`}
        </p>
      )}
      <ul className="autosave-changes">
        {offer.changes.map((c) => (
          <li key={c.name}>
            <span className="autosave-field">{c.label}</span>
            {c.before.includes('\n') || c.after.includes('\n') || c.after.length > 120 ? <ShortDiff before={c.before} after={c.after} /> : <Change before={c.before} after={c.after} />}
          </li>
        ))}
      </ul>
      <p className="actions">
        <button type="button" onClick={onRestore}>Restore them</button>
        <button type="button" className="secondary" onClick={onDiscard}>Discard</button>
      </p>
    </section>
  );
}

function Change({ before, after }: { before: string; after: string }) {
  return (
    <span className="autosave-change">
      {before === '' ? <em>empty</em> : <del>{before}</del>} → {after === '' ? <em>empty</em> : <ins>{after}</ins>}
    </span>
  );
}

/** Only the changed lines (− saved, + autosaved), at most a dozen. */
function ShortDiff({ before, after }: { before: string; after: string }) {
  const lines = diffLines(before, after)
    .filter((p) => p.added || p.removed)
    .flatMap((p) => p.value.replace(/\n$/, '').split('\n').map((line) => ({ line, added: Boolean(p.added) })));
  const shown = lines.slice(0, MAX_DIFF_LINES);
  return (
    <pre className="diff" aria-label="Lines starting with − are only in the saved version, + only in the unsaved changes">
      {shown.map((l, i) => (
        <span key={i} className={l.added ? 'diff-add' : 'diff-del'}>
          {`${l.added ? '+ ' : '− '}${l.line}`}
        </span>
      ))}
      {lines.length > shown.length && <span>{`… ${lines.length - shown.length} more changed lines`}</span>}
    </pre>
  );
}
