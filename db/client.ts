// The one module that picks a database driver. Everything else sees one Drizzle type, `Db`.
//
//   DATABASE_URL unset          → embedded PGlite under GAZETTE_DATA_DIR (locked, one process)
//   a Neon URL (*.neon.tech)    → @neondatabase/serverless Pool (WebSockets: interactive
//                                  transactions work, unlike neon-http)
//   any other postgres:// URL   → node-postgres
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import * as schema from './schema';
import { lockDataDir } from './data-dir-lock';
import { readDatabaseSettings } from './settings';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Driver = 'pglite' | 'pg' | 'neon';

export interface DbHandle {
  db: Db;
  driver: Driver;
  /** Where the data lives, for messages: a directory or a host, never a password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  driver: Driver;
  url?: string;
  dataDir?: string;
  /** Neon only: route the driver's WebSocket through this host:port (tests' bridge). */
  neonWsProxy?: string;
  /** pg / Neon pool size. */
  maxConnections?: number;
}

export function driverFor(url: string | undefined): Driver {
  if (!url) return 'pglite';
  const host = new URL(url).hostname;
  return /\.neon\.(tech|build)$/.test(host) ? 'neon' : 'pg';
}

// Counts every statement Drizzle sends, process-wide, so tests and benchmark mode can prove
// the warm path runs no query (SPEC §3 rule 8). Kept on globalThis because Next's server
// bundle and plain scripts load separate copies of this module in one process.
const COUNTER = Symbol.for('gazette.queryCount');
type CounterHolder = { [COUNTER]?: { count: number } };
function counter(): { count: number } {
  const holder = globalThis as CounterHolder;
  holder[COUNTER] ??= { count: 0 };
  return holder[COUNTER];
}
export function queryCount(): number {
  return counter().count;
}
const countingLogger: Logger = {
  logQuery() {
    counter().count++;
  },
};

function redact(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  const config = { schema, logger: countingLogger };
  switch (options.driver) {
    case 'pglite': {
      // Runtime data, not a source file: keep it out of Next's output tracing.
      const dataDir = path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? '.data/pglite');
      const lock = lockDataDir(dataDir);
      try {
        const { PGlite } = await import('@electric-sql/pglite');
        const { drizzle } = await import('drizzle-orm/pglite');
        const client = await PGlite.create(dataDir);
        return {
          db: drizzle(client, config) as unknown as Db,
          driver: 'pglite',
          location: dataDir,
          async close() {
            try {
              if (!client.closed) await client.close();
            } finally {
              lock.release();
            }
          },
        };
      } catch (err) {
        lock.release();
        throw err;
      }
    }
    case 'pg': {
      if (!options.url) throw new Error('The pg driver needs a connection URL');
      const { Pool } = (await import('pg')).default;
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const pool = new Pool({
        connectionString: options.url,
        max: options.maxConnections ?? 10,
        connectionTimeoutMillis: 5000,
      });
      // An idle client losing its connection must not crash the process.
      pool.on('error', (err) => console.error('[db] idle connection error:', err.message));
      return {
        db: drizzle(pool, config) as unknown as Db,
        driver: 'pg',
        location: redact(options.url),
        close: () => pool.end(),
      };
    }
    case 'neon': {
      if (!options.url) throw new Error('The Neon driver needs a connection URL');
      const { Pool, neonConfig } = await import('@neondatabase/serverless');
      const { drizzle } = await import('drizzle-orm/neon-serverless');
      if (typeof globalThis.WebSocket === 'undefined') {
        // Node 20 has no global WebSocket; Node 22+ and Vercel's runtime do.
        neonConfig.webSocketConstructor = (await import('ws')).default;
      }
      if (options.neonWsProxy) {
        const proxy = options.neonWsProxy;
        neonConfig.wsProxy = () => `${proxy}/v2`;
        neonConfig.useSecureWebSocket = false;
        neonConfig.pipelineTLS = false;
        neonConfig.pipelineConnect = false;
      }
      const pool = new Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
      pool.on('error', (err: Error) => console.error('[db] idle connection error:', err.message));
      return {
        db: drizzle(pool, config) as unknown as Db,
        driver: 'neon',
        location: redact(options.url),
        close: () => pool.end(),
      };
    }
  }
}

// One handle per process, shared by Next's bundles and scripts through globalThis.
const HANDLE = Symbol.for('gazette.db');
type HandleHolder = { [HANDLE]?: Promise<DbHandle> };

const CURRENT = Symbol.for('gazette.db.current');
type CurrentHolder = { [CURRENT]?: DbHandle };

/** The open handle, synchronously, if there is one (for libraries that need a db object up front). */
export function currentDatabaseHandle(): DbHandle | undefined {
  return (globalThis as CurrentHolder)[CURRENT];
}

/** Register an already-open handle as the process's database (start script, tests). */
export function setProcessDatabase(handle: DbHandle): void {
  (globalThis as HandleHolder)[HANDLE] = Promise.resolve(handle);
  (globalThis as CurrentHolder)[CURRENT] = handle;
}

/** The process's database, opened from DATABASE_URL / GAZETTE_DATA_DIR (./settings.ts) on first use. */
export function getDatabaseHandle(): Promise<DbHandle> {
  const holder = globalThis as HandleHolder;
  if (!holder[HANDLE]) {
    holder[HANDLE] = (async () => {
      const config = readDatabaseSettings();
      const handle = await openDatabase({
        driver: driverFor(config.databaseUrl),
        url: config.databaseUrl,
        dataDir: config.dataDir,
      });
      (globalThis as CurrentHolder)[CURRENT] = handle;
      return handle;
    })();
    // A failed open is not cached: the next caller tries again (e.g. once the lock is free).
    holder[HANDLE].catch(() => {
      delete holder[HANDLE];
    });
  }
  return holder[HANDLE];
}

export async function getDb(): Promise<Db> {
  return (await getDatabaseHandle()).db;
}

/** Close the process's database, if open. */
export async function closeProcessDatabase(): Promise<void> {
  const holder = globalThis as HandleHolder;
  const pending = holder[HANDLE];
  delete holder[HANDLE];
  delete (globalThis as CurrentHolder)[CURRENT];
  if (pending) await (await pending).close();
}
