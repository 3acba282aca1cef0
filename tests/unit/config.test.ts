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
    const err = configError({ VERCEL: '1', CRON_SECRET: 'a-cron-secret-of-some-length', REDIS_URL: 'redis://cache.example.com:6379', MEDIA_S3_BUCKET: 'gazette-media' });
    expect(err.issues.map((i) => i.variable)).toEqual(['DATABASE_URL']);
    expect(err.message).toMatch(/DATABASE_URL is required on Vercel/);
    expect(configError({ VERCEL: '1' }).issues.map((i) => i.variable).sort()).toEqual(['CRON_SECRET', 'DATABASE_URL', 'MEDIA_S3_BUCKET', 'REDIS_URL']);
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

  it('keeps media in a folder beside the data directory, or in a bucket (required on Vercel)', () => {
    expect(parseConfig({}).media).toEqual({ maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000, store: { kind: 'folder', dir: '.data/media' } });
    expect(parseConfig({ GAZETTE_DATA_DIR: '/srv/gazette/db' }).media.store).toEqual({ kind: 'folder', dir: '/srv/gazette/media' });
    const s3 = parseConfig({ MEDIA_S3_BUCKET: 'gazette-media', MEDIA_S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com', MEDIA_S3_ACCESS_KEY_ID: 'k', MEDIA_S3_SECRET_ACCESS_KEY: 's' }).media.store;
    expect(s3).toMatchObject({ kind: 's3', bucket: 'gazette-media', region: 'auto', endpoint: 'https://acct.r2.cloudflarestorage.com', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    const db = { DATABASE_URL: 'postgres://u@h/db', BETTER_AUTH_SECRET: 'x'.repeat(32), REDIS_URL: 'redis://r:6379', CRON_SECRET: 'a-cron-secret-of-some-length' };
    expect(configError({ ...db, VERCEL: '1' }).message).toMatch(/MEDIA_S3_BUCKET is required on Vercel/);
    expect(configError({ MEDIA_S3_BUCKET: 'b', MEDIA_S3_ACCESS_KEY_ID: 'k' }).message).toMatch(/MEDIA_S3_SECRET_ACCESS_KEY must be set together/);
    expect(configError({ MEDIA_S3_BUCKET: 'Not A Bucket' }).message).toMatch(/MEDIA_S3_BUCKET must be a bucket name/);
    expect(configError({ MEDIA_MAX_BYTES: '12' }).message).toMatch(/MEDIA_MAX_BYTES/);
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
