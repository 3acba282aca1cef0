import { describe, expect, it } from 'vitest';
import { toDomainError } from '@/db/errors';
import { refusalFor } from '@/lib/cms/refusals';
import { stableUuid, wallTimeToInstant } from '@/db/seed';

describe('database errors as domain errors', () => {
  it('maps a unique violation on the slug (code on err.cause) to a conflict naming its constraint', () => {
    const err = new Error('Failed query', { cause: Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'posts_slug_unique' }) });
    expect(toDomainError(err)).toMatchObject({ kind: 'conflict', violation: 'unique', constraint: 'posts_slug_unique' });
    // The form field and the sentence are the CMS's (lib/cms/refusals.ts).
    expect(refusalFor(toDomainError(err)!)).toEqual({ field: 'slug', message: 'Another post already uses this slug.' });
  });

  it('refuses a write against a constraint the CMS does not know on the form as a whole, never under a column name', () => {
    const err = new Error('Failed query', { cause: { code: '23514', constraint: 'notes_body_length', column: 'body' } });
    const refusal = refusalFor(toDomainError(err)!);
    expect(refusal.field).toBe('form');
    expect(refusal.message).not.toMatch(/notes_|body/);
    const unique = refusalFor(toDomainError(new Error('x', { cause: { code: '23505', constraint: 'notes_slug_key' } }))!);
    expect(unique).toEqual({ field: 'form', message: 'Another item already uses one of these values.' });
  });

  it('maps connection failures to unavailable and leaves unknown errors alone', () => {
    expect(toDomainError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))?.kind).toBe('unavailable');
    expect(toDomainError(new Error('x', { cause: { code: '57P01' } }))?.kind).toBe('unavailable');
    expect(toDomainError(new Error('boom'))).toBeUndefined();
  });
});

describe('seed helpers', () => {
  it('derives the same UUID from the same name', () => {
    expect(stableUuid('event:a')).toBe(stableUuid('event:a'));
    expect(stableUuid('event:a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('converts wall times across a DST change using the event zone', () => {
    // US DST starts 2027-03-14 02:00 in New York: EST (-05) before, EDT (-04) after.
    expect(wallTimeToInstant('2027-03-13T22:00', 'America/New_York').toISOString()).toBe('2027-03-14T03:00:00.000Z');
    expect(wallTimeToInstant('2027-03-14T04:00', 'America/New_York').toISOString()).toBe('2027-03-14T08:00:00.000Z');
    expect(wallTimeToInstant('2027-06-01', 'Asia/Tokyo').toISOString()).toBe('2027-05-31T15:00:00.000Z');
  });
});
