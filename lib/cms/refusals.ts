// What an editor reads when the database refuses a write: each constraint (db/schema.ts) as
// the form field it belongs to and a sentence. db/errors.ts only says which constraint failed.
import type { DomainError } from '@/db/errors';

const BY_CONSTRAINT: Record<string, { field: string; message: string }> = {
  posts_slug_unique: { field: 'slug', message: 'Another post already uses this slug.' },
  post_slug_redirects_pkey: { field: 'slug', message: 'This slug belonged to another post before and still redirects there.' },
  posts_slug_format: { field: 'slug', message: 'Use lowercase letters, digits and single hyphens.' },
  tags_slug_format: { field: 'tags', message: 'Tags use lowercase letters, digits and hyphens.' },
  posts_title_not_blank: { field: 'title', message: 'A title is required.' },
  changelog_title_not_blank: { field: 'title', message: 'A title is required.' },
  events_title_not_blank: { field: 'title', message: 'A title is required.' },
  posts_scheduled_has_time: { field: 'publishAt', message: 'Choose when to publish.' },
  changelog_scheduled_has_time: { field: 'publishAt', message: 'Choose when to publish.' },
  events_scheduled_has_time: { field: 'publishAt', message: 'Choose when to publish.' },
  events_end_after_start: { field: 'end', message: 'The end must not be before the start.' },
  events_uid_unique: { field: 'form', message: 'An event with this calendar UID already exists.' },
  revisions_entity_version: { field: 'form', message: 'Someone saved this item at the same moment; reload to see their change.' },
};

/** The editor's message (and field, if any) for a refused write. */
export function refusalFor(err: DomainError): { message: string; field?: string } {
  const known = err.constraint ? BY_CONSTRAINT[err.constraint] : undefined;
  // Otherwise db/errors.ts's own sentence, which is already plain ("This value is already taken.").
  return known ?? { message: err.message, field: err.field };
}
