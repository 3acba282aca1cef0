// What an editor reads when a CMS change fails: a refusal the code raised, the database refusing
// a write (each constraint of db/schema.ts as the form field it belongs to and a sentence; db/errors.ts
// only says which rule and constraint failed), an outage, or a bug. One classification, shared by
// the action wrapper (./action.ts) and bulk actions (./bulk.ts).
import { toDomainError, type DomainError, type Violation } from '@/db/errors';
import { isDatabaseOutage } from '@/db/outage';

const REFUSAL = Symbol.for('gazette.ActionRefusal');

/** Refusal with a message for the editor, raised inside an action's transaction (e.g. a stale version). */
export class ActionRefusal extends Error {
  readonly [REFUSAL] = true;

  // Recognised by a brand, not by class identity: Next may load this module more than once in a
  // process (instrumentation.ts is a bundle of its own), and a refusal thrown by one instance's
  // code must still be one to another's `instanceof`.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [REFUSAL]?: unknown })[REFUSAL] === true;
  }

  constructor(
    readonly status: 'conflict' | 'invalid' | 'denied',
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

const BY_CONSTRAINT: Record<string, { field: string; message: string }> = {
  posts_slug_unique: { field: 'slug', message: 'Another post already uses this slug.' },
  post_slug_redirects_pkey: { field: 'slug', message: 'This slug belonged to another post before and still redirects there.' },
  posts_slug_format: { field: 'slug', message: 'Use lowercase letters, digits and single hyphens.' },
  tags_slug_format: { field: 'tags', message: 'Tags use lowercase letters, digits and hyphens.' },
  events_end_after_start: { field: 'end', message: 'The end must not be before the start.' },
  events_uid_unique: { field: 'form', message: 'An event with this calendar UID already exists.' },
  authors_user_unique: { field: 'account', message: 'That account got an author profile of its own meanwhile; reload the page and choose again.' },
  revisions_entity_version: { field: 'form', message: 'Someone saved this item at the same moment; reload to see their change.' },
};

// Every content table has these two checks (db/schema.ts), named {table}_{check}.
const BY_SUFFIX: Record<string, { field: string; message: string }> = {
  _title_not_blank: { field: 'title', message: 'A title is required.' },
  _scheduled_has_time: { field: 'publishAt', message: 'Choose when to publish.' },
};

// A constraint this file does not name (a new one, or one of a type added later): a sentence by
// the rule it broke, on the form as a whole. Never the database's column or wording.
const BY_VIOLATION: Record<Violation, string> = {
  unique: 'Another item already uses one of these values.',
  'foreign-key': 'This refers to something that no longer exists; reload the page and try again.',
  check: 'The database refused one of these values; check the fields and try again.',
  'not-null': 'A required value is missing; check the fields and try again.',
  value: 'The database refused one of these values; check the fields and try again.',
  busy: 'Someone else was saving at the same moment; try again.',
};

/** The editor's message, and the form field it belongs to ('form' for the form as a whole), for a refused write. */
export function refusalFor(err: DomainError): { message: string; field: string } {
  const name = err.constraint ?? '';
  const suffix = Object.keys(BY_SUFFIX).find((s) => name.endsWith(s));
  const known = BY_CONSTRAINT[name] ?? (suffix ? BY_SUFFIX[suffix] : undefined);
  return known ?? { field: 'form', message: BY_VIOLATION[err.violation ?? 'value'] };
}

/** How a CMS change failed. */
export type Failure =
  | { kind: 'refused'; status: ActionRefusal['status']; message: string; fieldErrors?: Record<string, string> }
  /** The database is not there: nothing changed, try again. */
  | { kind: 'outage' }
  /** A bug: logged here; the editor reads that nothing changed, never the error. */
  | { kind: 'unexpected' };

/** Classify what a CMS change threw (`what` names it in the log of an unexpected error). */
export async function failureOf(err: unknown, what: string): Promise<Failure> {
  if (err instanceof ActionRefusal) return { kind: 'refused', status: err.status, message: err.message, fieldErrors: err.fieldErrors };
  // A refused write (conflict, invalid value) is known from the error alone; only otherwise ask
  // whether the database is there at all (db/outage.ts, the one outage test, probes it).
  const domain = toDomainError(err);
  if (domain?.kind === 'unavailable' || (!domain && (await isDatabaseOutage(err)))) return { kind: 'outage' };
  if (domain) {
    const refusal = refusalFor(domain);
    return { kind: 'refused', status: domain.kind === 'conflict' ? 'conflict' : 'invalid', message: refusal.message, fieldErrors: { [refusal.field]: refusal.message } };
  }
  console.error(`[cms] ${what} failed:`, err);
  return { kind: 'unexpected' };
}
