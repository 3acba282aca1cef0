// What an editor reads when the database refuses a write: each constraint (db/schema.ts) as
// the form field it belongs to and a sentence. db/errors.ts only says which constraint failed.
import type { DomainError } from '@/db/errors';

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

/** The editor's message (and field, if any) for a refused write. */
export function refusalFor(err: DomainError): { message: string; field?: string } {
  const name = err.constraint ?? '';
  const suffix = Object.keys(BY_SUFFIX).find((s) => name.endsWith(s));
  const known = BY_CONSTRAINT[name] ?? (suffix ? BY_SUFFIX[suffix] : undefined);
  // Otherwise db/errors.ts's own sentence, which is already plain ("This value is already taken.").
  return known ?? { message: err.message, field: err.field };
}
