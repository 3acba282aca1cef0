// Two versions of an item compared field by field, through the type's description (its
// revisions.compare fields and its long text): a line diff of every field that changed, body
// included, and the unchanged fields named in one line.
import type { AnyContentType } from '@/lib/cms/content-type';
import type { Clock } from '@/lib/cms/time';
import { TextDiff } from './text-diff';
import './snapshot-diff.css';

export interface DiffSide {
  /** How the editor reads this side, e.g. "version 3 (Eddie, 2026-12-01 10:31:07 UTC)". */
  name: string;
  /** The snapshot, parsed by the type's snapshot schema. */
  snap: unknown;
}

export function SnapshotDiff({ type, from, to, clock }: { type: AnyContentType; from: DiffSide; to: DiffSide; clock: Clock }) {
  const fields = [...type.revisions.compare.map((f) => ({ label: f.label, of: (snap: unknown) => f.show(snap, clock) })), { label: type.revisions.text.label, of: type.revisions.text.of }];
  const values = fields.map((f) => ({ label: f.label, from: f.of(from.snap), to: f.of(to.snap) }));
  const changed = values.filter((v) => v.from !== v.to);
  const same = values.filter((v) => v.from === v.to).map((v) => v.label);
  return (
    <section className="snapshot-diff" aria-label={`Changes from ${from.name} to ${to.name}`}>
      <p className="meta">
        From <strong>{from.name}</strong> to <strong>{to.name}</strong>: lines marked − are only in the first, + only in the second.
      </p>
      {changed.length === 0 && <p className="notice notice-idle">No differences.</p>}
      {changed.map((v) => (
        <div key={v.label} className="snapshot-diff-field">
          <h3>{v.label}</h3>
          <TextDiff label={v.label} from={v.from} to={v.to} fromName={from.name} toName={to.name} />
        </div>
      ))}
      {same.length > 0 && changed.length > 0 && <p className="meta">Unchanged: {same.join(', ')}.</p>}
    </section>
  );
}
