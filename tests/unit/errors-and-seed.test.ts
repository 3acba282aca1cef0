import { describe, expect, it } from 'vitest';
import { toDomainError } from '@/db/errors';
import { stableUuid, wallTimeToInstant } from '@/db/seed';

describe('database errors as domain errors', () => {
  it('maps a unique violation on the slug (code on err.cause) to a slug conflict', () => {
    const err = new Error('Failed query', { cause: Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'posts_slug_unique' }) });
    expect(toDomainError(err)).toMatchObject({ kind: 'conflict', field: 'slug' });
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
