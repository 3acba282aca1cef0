// Database failures as domain errors. Drizzle wraps driver errors and puts the Postgres
// SQLSTATE on `err.cause.code` (https://www.postgresql.org/docs/current/errcodes-appendix.html).

export type DomainErrorKind = 'conflict' | 'invalid' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** The field the error is about, when one can be named (for form errors). */
    readonly field?: string,
    options?: { cause?: unknown; constraint?: string },
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.constraint = options?.constraint;
  }

  /** The violated constraint's name, when the database named one. */
  readonly constraint: string | undefined;
}

// Constraint name → the schema field it guards (db/schema.ts property names). What an editor
// reads about each is the CMS's business (lib/cms/refusals.ts), not the database's.
const CONSTRAINT_FIELDS: Record<string, string> = {
  posts_slug_unique: 'slug',
  post_slug_redirects_pkey: 'slug',
  posts_slug_format: 'slug',
  tags_slug_format: 'tags',
  posts_title_not_blank: 'title',
  changelog_title_not_blank: 'title',
  events_title_not_blank: 'title',
  posts_scheduled_has_time: 'publishedAt',
  changelog_scheduled_has_time: 'publishedAt',
  events_scheduled_has_time: 'publishedAt',
  events_end_after_start: 'endsAt',
  events_uid_unique: 'uid',
  revisions_entity_version: 'version',
};

interface PgErrorLike {
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  message?: unknown;
}

function pgError(err: unknown): PgErrorLike | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string') return candidate;
    current = candidate.cause;
  }
  return undefined;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

/** Map a thrown database error to a DomainError, or return undefined if it is not one. */
export function toDomainError(err: unknown): DomainError | undefined {
  if (err instanceof DomainError) return err;
  const pg = pgError(err);
  if (!pg || typeof pg.code !== 'string') return undefined;
  const code = pg.code;
  const constraint = String(pg.constraint ?? pg.constraint_name ?? '');
  const field = CONSTRAINT_FIELDS[constraint];
  const options = { cause: err, constraint: constraint || undefined };
  switch (code) {
    case '23505': // unique_violation
      return new DomainError('conflict', 'This value is already taken.', field, options);
    case '23503': // foreign_key_violation
      return new DomainError('invalid', 'This refers to something that does not exist.', field, options);
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22001': // string_data_right_truncation
    case '22P02': // invalid_text_representation (bad enum, bad uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new DomainError('invalid', 'A value is not valid.', field, options);
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new DomainError('conflict', 'The database was busy with a conflicting change; try again.', undefined, { cause: err });
  }
  // Class 08 (connection exception), 57P0x (server shutting down), 53xxx (resources), and
  // socket-level errors: the database is not there right now.
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || UNAVAILABLE_CODES.has(code)) {
    return new DomainError('unavailable', 'The database is unavailable.', undefined, { cause: err });
  }
  return undefined;
}
