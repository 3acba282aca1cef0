// @ts-check
// The process's 'use cache' store (SPEC §4, §7): a local copy in memory, shared through Redis
// when REDIS_URL is set. Next loads this file at run time (next.config.ts `cacheHandlers`), outside
// the app's bundles, so it is plain JavaScript (type-checked through JSDoc) and keeps its state on
// globalThis, where the app's own copy (lib/cache/invalidate.ts) finds the same instance.
//
// Written here rather than taken from a library: @fortedigital/nextjs-cache-handler 3.x (the
// well-kept Redis handler for Next) does not support `cacheHandlers` / 'use cache' yet (its README,
// "Not yet supported"), and Next ships no Redis handler, only an example.
//
// How it stays correct across processes:
// - Every tag invalidation is written to Redis (one Lua script: the tag's times, its place in a
//   sorted set by a version counter, the counter) and awaited before the action or cron route
//   that made it returns (lib/cache/invalidate.ts).
// - Once per request, before the first cached read (Next calls `refreshTags`), one small script
//   returns the version and, only if it moved, the tags invalidated since the version this process
//   last saw. Concurrent requests share one round trip, but never one sent before they began.
// - `get` checks the entry's own tags, not only the implicit ones Next passes to `getExpiration`
//   (vercel/next.js#95442).
// - Redis unreachable: every read bypasses the cache (the database answers), nothing is stored.
//   When Redis answers again, the first process to notice writes a global invalidation ("*") and
//   drops its local copies: no entry from before or during the outage is ever served again.
// Known limit: entries carry Next's creation time (this machine's clock); across machines the
// clocks must agree (NTP) to the precision of how long a read takes.
import { bytesOf, createLocalStore, streamOf } from './local-store.mjs';
import { connect, redisTier, settled } from './redis-tier.mjs';

/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheHandler} CacheHandler */
/** @typedef {import('./redis-tier.mjs').EntryMeta} EntryMeta */
/** @typedef {import('./redis-tier.mjs').TagTimes} TagTimes */

const STATE = Symbol.for('gazette.sharedCache');
const LOCAL_MAX_BYTES = 64 * 1024 * 1024;
const ALL = '*';

// The clock of entries and tag times: Next stamps 'use cache' entries with it too (not Date.now(),
// which can step away from it on a long-running server); lib/cache/remember.ts uses it as well.
export const now = () => Math.round(performance.timeOrigin + performance.now());

/**
 * @param {{ url?: string, prefix?: string, timeoutMs?: number, log?: (message: string) => void }} options
 */
export function createSharedCache(options) {
  const log = options.log ?? ((m) => console.error(`[cache] ${m}`));
  const local = createLocalStore(LOCAL_MAX_BYTES);
  /** @type {Map<string, Promise<void>>} */
  const pendingSets = new Map();
  /** @type {Map<string, TagTimes>} */
  const manifest = new Map();
  const seen = { id: '', version: '' };

  const redis = options.url ? connect(options.url, options.timeoutMs ?? 1000) : undefined;
  const tier = redis ? redisTier(redis, options.prefix || 'gazette:') : undefined;
  // true while Redis cannot be trusted: not yet reached, unreachable, or back but not yet
  // re-synchronised. Until the first contact nothing is cached here, so that contact needs no
  // global invalidation; a later one does (this process may have missed or failed to deliver one).
  let outage = Boolean(redis);
  let synced = false;
  // An invalidation this process could not deliver: the next contact must invalidate everything.
  let undelivered = false;
  // Whether the operator has been told of the current outage (said once, not per retry).
  let reported = false;

  /** @param {unknown} err */
  function fail(err) {
    outage = true;
    if (reported) return;
    reported = true;
    log(`Redis unavailable (${err instanceof Error ? err.message : String(err)}); reading from the database until it is back.`);
  }
  redis?.on('error', fail);
  redis?.on('close', () => {
    outage = true;
  });

  /** @param {string} tag @param {TagTimes} times */
  function learn(tag, times) {
    const old = manifest.get(tag);
    manifest.set(tag, old ? { stale: Math.max(old.stale, times.stale), expired: Math.max(old.expired, times.expired) } : times);
  }

  /**
   * Whether an entry may be served, and its revalidate time: expired tags make it a miss, stale
   * ones make Next serve it once and refresh it (as Next's own handler does).
   * @param {EntryMeta} meta @param {string[]} softTags
   * @returns {number | undefined} the revalidate to report, or undefined for a miss
   */
  function usable(meta, softTags) {
    const t = now();
    // Production semantics of Next's in-memory handler: an entry past `revalidate` is a miss.
    if (t > meta.timestamp + meta.revalidate * 1000) return undefined;
    let revalidate = meta.revalidate;
    // Runs on every cached read: no arrays built here.
    /** @param {string} tag @returns {boolean} whether the tag expires the entry */
    const expires = (tag) => {
      const times = manifest.get(tag);
      if (!times) return false;
      if (times.stale > meta.timestamp) revalidate = -1;
      return times.expired > meta.timestamp && times.expired <= t;
    };
    if (expires(ALL)) return undefined;
    for (const tag of meta.tags) if (expires(tag)) return undefined;
    for (const tag of softTags) if (expires(tag)) return undefined;
    return revalidate;
  }

  /** Learn what the store says changed since this process last asked. */
  async function sync() {
    if (!tier) return;
    const { id, version, changes } = await tier.readTags(seen);
    if (id !== seen.id) {
      // A new store (first contact, or Redis lost its data): forget what we knew.
      manifest.clear();
      local.clear();
    }
    for (const [tag, times] of changes) learn(tag, times);
    seen.id = id;
    seen.version = version;
  }

  /** After an outage: invalidate everything cached anywhere, then resume. */
  async function recover() {
    if (!tier) return;
    const t = now();
    await tier.writeTags(new Map([[ALL, { stale: t, expired: t }]]));
    local.clear();
    await sync();
    outage = false;
    synced = true;
    undelivered = false;
    reported = false;
    log('Redis is back; every entry cached before now was invalidated.');
  }

  // One version check in flight at a time; a request arriving while one is in flight waits for
  // the next one (sent after it arrived), never for an answer Redis may have given before an
  // invalidation the request must see.
  /** @type {Promise<void> | undefined} */
  let inFlight;
  /** @type {Promise<void> | undefined} */
  let queued;
  async function check() {
    if (!redis) return;
    try {
      if (outage) {
        // The first connection of a new process is worth waiting for (bounded by connectTimeout).
        if (!synced && ['wait', 'connecting', 'connect'].includes(redis.status)) await settled(redis);
        if (redis.status !== 'ready') return;
        if (synced || undelivered) await recover();
        else {
          await sync();
          outage = false;
          synced = true;
          reported = false;
        }
      } else {
        await sync();
      }
    } catch (err) {
      fail(err);
    }
  }
  /** @returns {Promise<void>} */
  function refresh() {
    if (!inFlight) {
      inFlight = check().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    }
    queued ??= inFlight.then(/** @returns {Promise<void>} */ () => {
      queued = undefined;
      return refresh();
    });
    return queued;
  }

  /** @param {string[]} tags @param {{ expire?: number }} [durations] */
  function timesFor(tags, durations) {
    const t = now();
    /** @type {Map<string, TagTimes>} */
    const times = new Map();
    for (const tag of tags) {
      const old = manifest.get(tag);
      // Next's semantics: no durations = expired now; with durations, stale now and expired
      // after `expire` seconds.
      const expired = !durations ? t : durations.expire !== undefined ? t + durations.expire * 1000 : (old?.expired ?? 0);
      times.set(tag, { stale: t, expired });
    }
    return times;
  }

  /** @type {CacheHandler} */
  const handler = {
    async get(cacheKey, softTags) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      if (redis && outage) return undefined;
      let entry = local.get(cacheKey);
      let revalidate = entry && usable(entry.meta, softTags);
      // Not here, or invalidated here: another process may already have stored a fresh one.
      if (revalidate === undefined && tier) {
        try {
          entry = await tier.getEntry(cacheKey);
        } catch (err) {
          fail(err);
          return undefined;
        }
        if (entry) local.set(cacheKey, entry);
        revalidate = entry && usable(entry.meta, softTags);
      }
      if (!entry || revalidate === undefined) return undefined;
      local.touch(cacheKey, entry);
      return { ...entry.meta, revalidate, value: streamOf(entry.bytes) };
    },

    async set(cacheKey, pendingEntry) {
      /** @type {() => void} */
      let done = () => {};
      pendingSets.set(cacheKey, new Promise((resolve) => (done = resolve)));
      try {
        const entry = await pendingEntry;
        // An `expire: 0` entry is dynamic: Next regenerates it on every read (as its own handler,
        // it is not stored).
        if (entry.expire === 0) return;
        const bytes = await bytesOf(entry.value);
        const { value: _value, ...meta } = entry;
        if (redis && outage) return;
        local.set(cacheKey, { meta, bytes });
        await tier?.setEntry(cacheKey, { meta, bytes }).catch(fail);
      } catch {
        // A failed generation is not stored; the next read generates again.
      } finally {
        pendingSets.delete(cacheKey);
        done();
      }
    },

    refreshTags() {
      return refresh();
    },

    async getExpiration(tags) {
      let max = 0;
      for (const tag of tags) max = Math.max(max, manifest.get(tag)?.expired ?? 0);
      return max;
    },

    async updateTags(tags, durations) {
      const times = timesFor(tags, durations);
      for (const [tag, t] of times) learn(tag, t);
      try {
        await tier?.writeTags(times);
      } catch (err) {
        undelivered = true;
        fail(err);
      }
    },
  };

  return {
    handler,
    /** 'redis' when shared, 'memory' when this process is on its own. */
    mode: redis ? 'redis' : 'memory',
    /**
     * Invalidate tags here and, with Redis, in every process; resolves once Redis has them.
     * Resolves to false when Redis could not be reached (every process then reads from the
     * database until it is back, see the file comment).
     * @param {string[]} tags
     */
    async invalidate(tags) {
      const times = timesFor(tags);
      for (const [tag, t] of times) learn(tag, t);
      if (!tier) return true;
      try {
        await tier.writeTags(times);
        return true;
      } catch (err) {
        undelivered = true;
        fail(err);
        return false;
      }
    },
    /** Check Redis now (as a request's first cached read would), then report. */
    async check() {
      await refresh();
      return this.status();
    },
    /** For health reports and tests. */
    status() {
      return { mode: redis ? 'redis' : 'memory', connection: redis?.status, outage, localEntries: local.size, localBytes: local.bytes, version: seen.version };
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** @typedef {ReturnType<typeof createSharedCache>} SharedCache */

/**
 * The process's shared cache, created on first use from the environment. This file cannot import
 * lib/config.ts (Next loads it unbundled), so it reads REDIS_URL, REDIS_KEY_PREFIX and
 * REDIS_TIMEOUT_MS itself; lib/config.ts validates them at start-up (instrumentation.ts) and
 * holds the same defaults.
 * @returns {SharedCache}
 */
export function sharedCache() {
  const holder = /** @type {{ [STATE]?: SharedCache }} */ (/** @type {unknown} */ (globalThis));
  holder[STATE] ??= createSharedCache({
    url: process.env.REDIS_URL || undefined,
    prefix: process.env.REDIS_KEY_PREFIX || undefined,
    timeoutMs: process.env.REDIS_TIMEOUT_MS ? Number(process.env.REDIS_TIMEOUT_MS) : undefined,
  });
  return holder[STATE];
}

/** What next.config.ts `cacheHandlers` loads. @type {CacheHandler} */
const handler = {
  get: (key, softTags) => sharedCache().handler.get(key, softTags),
  set: (key, entry) => sharedCache().handler.set(key, entry),
  refreshTags: () => sharedCache().handler.refreshTags(),
  getExpiration: (tags) => sharedCache().handler.getExpiration(tags),
  updateTags: (tags, durations) => sharedCache().handler.updateTags(tags, durations),
};
export default handler;
