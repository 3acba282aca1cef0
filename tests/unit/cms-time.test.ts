// The CMS clock (lib/cms/time.ts): every time is labelled with the offset in force at that
// instant, whatever the date it is read on; a heading over many times names the zone alone unless
// its offset never changes.
import { describe, expect, it } from 'vitest';
import { clockFor } from '@/lib/cms/time';

describe('clockFor', () => {
  it('labels each instant with the offset then, not today’s', () => {
    const ny = clockFor('America/New_York');
    expect(ny.labelAt('2031-07-01T14:00:00Z')).toBe('America/New_York (UTC-04:00)');
    expect(ny.labelAt(new Date('2031-01-15T15:00:00Z'))).toBe('America/New_York (UTC-05:00)');
    expect(ny.stamp('2031-07-01T14:00:00Z')).toBe('2031-07-01 10:00 America/New_York (UTC-04:00)');
    expect(ny.stamp('2031-01-15T15:00:07Z', { seconds: true })).toBe('2031-01-15 10:00:07 America/New_York (UTC-05:00)');
  });

  it('names a zone with summer time alone in a heading, and a fixed one with its offset', () => {
    expect(clockFor('Europe/Berlin').label).toBe('Europe/Berlin');
    expect(clockFor('Asia/Tokyo').label).toBe('Asia/Tokyo (UTC+09:00)');
    expect(clockFor('UTC').label).toBe('UTC');
    expect(clockFor('UTC').stamp('2031-01-15T09:00:00Z')).toBe('2031-01-15 09:00 UTC');
    expect(clockFor('Not/A_Zone').zone).toBe('UTC');
  });
});
