// Database failures as domain errors. Drizzle wraps driver errors and puts the Postgres
// SQLSTATE on `err.cause.code` (https://www.postgresql.org/docs/current/errcodes-appendix.html).

export type DomainErrorKind = 'conflict' | 'invalid' | 'unavailable';

/** Which rule a refused write broke (SQLSTATE class 23 and the bad-value codes of class 22). */
export type Violation = 'unique' | 'foreign-key' | 'check' | 'not-null' | 'value' | 'busy';

/**
 * A classified database failure: its kind, the rule it broke and the constraint's name. What an
 * editor reads about a constraint (and which form field it belongs to) is the CMS's business
 * (lib/cms/refusals.ts): the database layer knows no forms.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    options: { cause?: unknown; constraint?: string; violation?: Violation } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.constraint = options.constraint;
    this.violation = options.violation;
  }

  /** The violated constraint's name, when the database named one. */
  readonly constraint: string | undefined;
  readonly violation: Violation | undefined;
}

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
  const named = { cause: err, constraint: constraint || undefined };
  switch (code) {
    case '23505': // unique_violation
      return new DomainError('conflict', 'This value is already taken.', { ...named, violation: 'unique' });
    case '23503': // foreign_key_violation
      return new DomainError('invalid', 'This refers to something that does not exist.', { ...named, violation: 'foreign-key' });
    case '23514': // check_violation
      return new DomainError('invalid', 'A value is not valid.', { ...named, violation: 'check' });
    case '23502': // not_null_violation
      return new DomainError('invalid', 'A value is missing.', { ...named, violation: 'not-null' });
    case '22001': // string_data_right_truncation
    case '22P02': // invalid_text_representation (bad enum, bad uuid)
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new DomainError('invalid', 'A value is not valid.', { ...named, violation: 'value' });
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new DomainError('conflict', 'The database was busy with a conflicting change; try again.', { cause: err, violation: 'busy' });
  }
  // Class 08 (connection exception), 57P0x (server shutting down), 53xxx (resources), and
  // socket-level errors: the database is not there right now.
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || UNAVAILABLE_CODES.has(code)) {
    return new DomainError('unavailable', 'The database is unavailable.', { cause: err });
  }
  return undefined;
}
