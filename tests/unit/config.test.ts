import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';
import { driverFor } from '@/db/client';

function configError(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: '.data/pglite', port: 3000, host: '127.0.0.1', siteUrl: 'http://localhost:3000' });
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', SITE_URL: ' ' }).databaseUrl).toBeUndefined();
  });

  it('names the variable when a value is bad', () => {
    expect(configError({ PORT: 'eighty' }).message).toMatch(/^\s+PORT /m);
    expect(configError({ DATABASE_URL: 'mysql://x@y/z' }).message).toMatch(/DATABASE_URL must be a postgres/);
    expect(configError({ SITE_URL: 'not a url' }).message).toMatch(/SITE_URL/);
    expect(configError({ CRON_SECRET: 'short' }).message).toMatch(/CRON_SECRET/);
  });

  it('stops on Vercel without DATABASE_URL, saying why', () => {
    const err = configError({ VERCEL: '1', CRON_SECRET: 'a-cron-secret-of-some-length', REDIS_URL: 'redis://cache.example.com:6379' });
    expect(err.issues.map((i) => i.variable)).toEqual(['DATABASE_URL']);
    expect(err.message).toMatch(/DATABASE_URL is required on Vercel/);
    expect(configError({ VERCEL: '1' }).issues.map((i) => i.variable).sort()).toEqual(['CRON_SECRET', 'DATABASE_URL', 'REDIS_URL']);
    expect(configError({ DATABASE_URL: 'postgres://u@h/db' }).message).toMatch(/BETTER_AUTH_SECRET is required with DATABASE_URL/);
  });

  it('refuses several workers without a shared cache or on the embedded database, naming what to set', () => {
    const db = { DATABASE_URL: 'postgres://u@h/db', BETTER_AUTH_SECRET: 'x'.repeat(32) };
    expect(configError({ WEB_CONCURRENCY: '2' }).message).toMatch(/WEB_CONCURRENCY must be 1 on the embedded database.*DATABASE_URL/);
    expect(configError({ ...db, WEB_CONCURRENCY: '2' }).message).toMatch(/REDIS_URL is required with WEB_CONCURRENCY=2/);
    expect(configError({ ...db, VERCEL: '1', CRON_SECRET: 'a-cron-secret-of-some-length' }).message).toMatch(/REDIS_URL is required on Vercel/);
    expect(configError({ REDIS_URL: 'http://x' }).message).toMatch(/REDIS_URL must be a redis/);
  });

  it('runs one worker on the embedded database or without Redis, one per core with both', () => {
    expect(parseConfig({}).workers).toBe(1);
    const db = { DATABASE_URL: 'postgres://u@h/db', BETTER_AUTH_SECRET: 'x'.repeat(32) };
    expect(parseConfig(db).workers).toBe(1);
    expect(parseConfig({ ...db, REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBeGreaterThanOrEqual(1);
    expect(parseConfig({ ...db, REDIS_URL: 'redis://127.0.0.1:6379', WEB_CONCURRENCY: '3' }).workers).toBe(3);
  });

  it('strips a trailing slash from SITE_URL', () => {
    expect(parseConfig({ SITE_URL: 'https://news.example.com/' }).siteUrl).toBe('https://news.example.com');
  });
});

describe('driver selection', () => {
  it('picks PGlite, Neon or pg from DATABASE_URL', () => {
    expect(driverFor(undefined)).toBe('pglite');
    expect(driverFor('postgresql://u:p@ep-cool-bird-123456.us-east-2.aws.neon.tech/db?sslmode=require')).toBe('neon');
    expect(driverFor('postgres://postgres@127.0.0.1:5432/test')).toBe('pg');
  });
});
