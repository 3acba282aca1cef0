// The retry schedule (Standard Webhooks' "Retry schedule"), its jitter and scale, and
// Retry-After parsing (RFC 9110 §10.2.3: delay-seconds or an HTTP-date).
import { describe, expect, it } from 'vitest';
import { backoffMs, JITTER, MAX_ATTEMPTS, MAX_RETRY_AFTER_S, nextDelayMs, parseRetryAfter, RETRY_DELAYS_S, retryWindowMs } from '@/lib/webhooks/schedule';

describe('backoff', () => {
  it('follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the immediate first attempt, then gives up', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, 1, mid)! / 1000)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(backoffMs(MAX_ATTEMPTS, 1, mid)).toBeNull();
    expect(backoffMs(0, 1, mid)).toBeNull();
  });

  it('spreads each delay by ±20 % and never beyond', () => {
    expect(backoffMs(2, 1, () => 0)).toBe(300_000 * (1 - JITTER));
    expect(backoffMs(2, 1, () => 0.999999)).toBeCloseTo(300_000 * (1 + JITTER), -1);
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(3, 1)!;
      expect(d).toBeGreaterThanOrEqual(1800_000 * 0.8);
      expect(d).toBeLessThanOrEqual(1800_000 * 1.2);
    }
  });

  it('scales with WEBHOOK_RETRY_SCALE, and the whole schedule lasts about a day', () => {
    expect(backoffMs(1, 0.01, () => 0.5)).toBe(50);
    const day = 24 * 3600 * 1000;
    expect(retryWindowMs()).toBe(RETRY_DELAYS_S.reduce((a, b) => a + b) * 1000);
    expect(retryWindowMs()).toBeGreaterThan(day);
    expect(retryWindowMs()).toBeLessThan(1.25 * day);
    expect(retryWindowMs(0.001)).toBeCloseTo(retryWindowMs() / 1000);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date in all three forms, relative to now', () => {
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tuesday, 01-Dec-26 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue Dec  1 10:00:10 2026', now)).not.toBeNull();
    // A date in the past means "now".
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither, and bounds what is too far away', () => {
    for (const bad of [null, undefined, '', '-5', '1.5', 'soon', '2026-12-01T10:00:30Z']) expect(parseRetryAfter(bad, now), String(bad)).toBeNull();
    expect(parseRetryAfter('999999999', now)).toBe(MAX_RETRY_AFTER_S * 1000);
  });

  it('is honoured on 429 and 503 when later than the backoff, and only there', () => {
    const mid = () => 0.5;
    expect(nextDelayMs(1, 429, '60', 1, now, mid)).toBe(60_000);
    expect(nextDelayMs(1, 503, '60', 1, now, mid)).toBe(60_000);
    expect(nextDelayMs(1, 500, '60', 1, now, mid)).toBe(5_000);
    // Never sooner than the schedule: a receiver cannot make us hammer it.
    expect(nextDelayMs(3, 429, '1', 1, now, mid)).toBe(1_800_000);
    // Not scaled: the receiver's seconds are seconds.
    expect(nextDelayMs(1, 429, '2', 0.001, now, mid)).toBe(2_000);
    expect(nextDelayMs(MAX_ATTEMPTS, 429, '2', 1, now, mid)).toBeNull();
  });
});
