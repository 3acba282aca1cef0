// Configuration: read once from the environment, validated with Zod. A bad or missing value
// stops start-up with a message that names the variable (SPEC §6). Every variable is listed,
// with a comment, in .env.example.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { databaseEnvShape, presentEnv } from '@/db/settings';

const optionalUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    ...databaseEnvShape,
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    SITE_URL: optionalUrl,
    WEBSUB_HUB_URL: optionalUrl,
    CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    SEED_DEMO_CONTENT: z.stringbool().default(true),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
    TRUSTED_CLIENT_IP_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'must be a header name')
      .transform((v) => v.toLowerCase())
      .default('x-gazette-client-ip'),
    GAZETTE_BENCH: z.stringbool().default(false),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'must be 1–64 letters, digits, _ : . or -').default('gazette:'),
    REDIS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    WEB_CONCURRENCY: z.coerce.number().int().min(1, 'must be at least 1').max(256).optional(),
    VERCEL: z.string().optional(),
    // Media (SPEC §9): the largest upload, the most pixels an image may decode to, and where files go.
    MEDIA_MAX_BYTES: z.coerce.number().int().min(1024, 'must be at least 1024 (bytes)').max(1024 ** 3).default(20 * 1024 * 1024),
    MEDIA_MAX_PIXELS: z.coerce.number().int().min(10_000).max(1_000_000_000).default(40_000_000),
    GAZETTE_MEDIA_DIR: z.string().trim().min(1).optional(),
    MEDIA_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name').optional(),
    MEDIA_S3_REGION: z.string().trim().min(1).default('auto'),
    MEDIA_S3_ENDPOINT: optionalUrl,
    MEDIA_S3_PREFIX: z.string().regex(/^[\w./-]{0,200}$/, 'must be a key prefix such as media/').default(''),
    MEDIA_S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    MEDIA_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
    MEDIA_S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
    // Partners (SPEC §8): how long /api/changes keeps deletion and superseded records (older
    // cursors answer 410), and the private hosts/networks webhooks may reach (none by default).
    CHANGES_RETENTION_DAYS: z.coerce.number().int().min(1, 'must be at least 1 (days)').max(3650).default(90),
    WEBHOOK_ALLOW_PRIVATE: z
      .string()
      .trim()
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[\w.:\[\]/-]{1,100}$/, 'must list host names, addresses or CIDR ranges, separated by commas')))
      .default([]),
    // A delivery attempt's time limit (Standard Webhooks suggests 15 s), and a factor on the retry
    // schedule (1 = about a day; the tests use a small one to see retries in seconds).
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    WEBHOOK_RETRY_SCALE: z.coerce.number().min(0.0001).max(1).default(1),
  })
  .superRefine((env, ctx) => {
    // A real deployment (an external database) must bring its own session-signing secret; the
    // embedded database keeps a generated one in its data directory (scripts/start.ts).
    if (env.DATABASE_URL && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required with DATABASE_URL: it signs editor sessions. Generate one with `openssl rand -base64 32`.',
      });
    }
    // Vercel's file system is read-only and a deployment runs many instances: an embedded
    // database there would be empty, unwritable and different per instance.
    if (env.VERCEL && !env.CRON_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['CRON_SECRET'], message: 'is required on Vercel: the scheduled-publishing cron authenticates with it.' });
    }
    // Several processes each keep their own 'use cache' store; without a shared one they serve
    // stale content after a change (SPEC §7), so such a configuration does not start.
    if ((env.WEB_CONCURRENCY ?? 1) > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_CONCURRENCY'],
        message: 'must be 1 on the embedded database (PGlite serves one process). Set DATABASE_URL to a PostgreSQL database to run several workers.',
      });
    } else if ((env.WEB_CONCURRENCY ?? 1) > 1 && !env.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: `is required with WEB_CONCURRENCY=${env.WEB_CONCURRENCY}: several processes need a shared cache, or a change stays invisible to the other processes. Set REDIS_URL, or WEB_CONCURRENCY=1.`,
      });
    }
    if (env.VERCEL && !env.REDIS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'is required on Vercel: a deployment runs many instances, and without a shared cache each serves its own stale copy after a change. Set REDIS_URL to a Redis or Valkey database (e.g. Upstash, Redis Cloud).',
      });
    }
    // Vercel has no writable disk that outlives a request: uploads need a bucket.
    if (env.VERCEL && !env.MEDIA_S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_S3_BUCKET'],
        message: 'is required on Vercel: uploaded images need an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO); the file system there is read-only and per instance.',
      });
    }
    if (Boolean(env.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(env.MEDIA_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: [env.MEDIA_S3_ACCESS_KEY_ID ? 'MEDIA_S3_SECRET_ACCESS_KEY' : 'MEDIA_S3_ACCESS_KEY_ID'], message: 'must be set together with its pair (or neither, to use the AWS credential chain).' });
    }
    if (env.VERCEL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'is required on Vercel: the embedded database (PGlite) needs a writable disk and a single server. Set DATABASE_URL to your Neon or Postgres connection string.',
      });
    }
  });

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Absolute origin used in every URL Gazette emits, without a trailing slash. */
  siteUrl: string;
  websubHubUrl: string | undefined;
  cronSecret: string | undefined;
  seedDemoContent: boolean;
  authSecret: string | undefined;
  /** Header carrying the real client address, set by a proxy you trust (rate limits). */
  clientIpHeader: string;
  bench: boolean;
  onVercel: boolean;
  /** Shared cache for 'use cache' entries and invalidations (lib/cache/shared-cache.mjs). */
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  redisTimeoutMs: number;
  /** Worker processes `npm start` runs: one per core with PostgreSQL and Redis, else 1. */
  workers: number;
  media: MediaConfig;
  /** Partners (SPEC §8). */
  partners: {
    /** Days /api/changes keeps deletion and superseded records. */
    retentionDays: number;
    /** Private host names, addresses or CIDR ranges webhooks may reach (WEBHOOK_ALLOW_PRIVATE). */
    webhookAllowPrivate: string[];
    webhookTimeoutMs: number;
    /** Factor on the retry schedule (lib/webhooks): 1 in production. */
    webhookRetryScale: number;
  };
}

export interface MediaConfig {
  maxBytes: number;
  maxPixels: number;
  /** Where media files go: a folder (the embedded default) or an S3-compatible bucket. */
  store: { kind: 'folder'; dir: string } | { kind: 's3'; bucket: string; region: string; endpoint: string | undefined; prefix: string; forcePathStyle: boolean; credentials: { accessKeyId: string; secretAccessKey: string } | undefined };
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        issues.map((i) => `  ${i.variable} ${i.message}`).join('\n') +
        '\nSee .env.example for every variable Gazette reads.',
    );
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(presentEnv(env));
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      })),
    );
  }
  const e = result.data;
  const siteUrl = (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.GAZETTE_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    siteUrl,
    websubHubUrl: e.WEBSUB_HUB_URL,
    cronSecret: e.CRON_SECRET,
    seedDemoContent: e.SEED_DEMO_CONTENT,
    authSecret: e.BETTER_AUTH_SECRET,
    clientIpHeader: e.TRUSTED_CLIENT_IP_HEADER,
    bench: e.GAZETTE_BENCH,
    onVercel: Boolean(e.VERCEL),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    workers: e.WEB_CONCURRENCY ?? (e.DATABASE_URL && e.REDIS_URL ? os.availableParallelism() : 1),
    media: {
      maxBytes: e.MEDIA_MAX_BYTES,
      maxPixels: e.MEDIA_MAX_PIXELS,
      store: e.MEDIA_S3_BUCKET
        ? {
            kind: 's3',
            bucket: e.MEDIA_S3_BUCKET,
            region: e.MEDIA_S3_REGION,
            endpoint: e.MEDIA_S3_ENDPOINT,
            prefix: e.MEDIA_S3_PREFIX,
            forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE,
            credentials:
              e.MEDIA_S3_ACCESS_KEY_ID && e.MEDIA_S3_SECRET_ACCESS_KEY ? { accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID, secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY } : undefined,
          }
        : // Beside the embedded database's folder by default (.data/pglite → .data/media).
          { kind: 'folder', dir: e.GAZETTE_MEDIA_DIR ?? path.join(path.dirname(e.GAZETTE_DATA_DIR), 'media') },
    },
    partners: {
      retentionDays: e.CHANGES_RETENTION_DAYS,
      webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookRetryScale: e.WEBHOOK_RETRY_SCALE,
    },
  };
}

const CACHE = Symbol.for('gazette.config');
type Holder = { [CACHE]?: Config };

/** The process's configuration, parsed on first use and kept (shared across bundles). */
export function getConfig(): Config {
  const holder = globalThis as Holder;
  holder[CACHE] ??= parseConfig(process.env);
  return holder[CACHE];
}

/** Forget the cached configuration (tests that change the environment). */
export function resetConfig(): void {
  delete (globalThis as Holder)[CACHE];
}
