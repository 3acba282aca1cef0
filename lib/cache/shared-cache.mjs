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
import Redis from 'ioredis';

/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheEntry} CacheEntry */
/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheHandler} CacheHandler */
/** @typedef {Omit<CacheEntry, 'value'>} EntryMeta */
/** @typedef {{ meta: EntryMeta, bytes: Uint8Array }} LocalEntry */
/** @typedef {{ stale: number, expired: number }} TagTimes */

const STATE = Symbol.for('gazette.sharedCache');
const LOCAL_MAX_BYTES = 64 * 1024 * 1024;
// Redis keys expire with the entry; an "infinite" expire (Next's 0xfffffffe s) becomes 30 days,
// since SET ... PX with an out-of-range value fails.
const MAX_TTL_SECONDS = 30 * 24 * 3600;
const ALL = '*';

const now = () => Math.round(performance.timeOrigin + performance.now());

// KEYS: version, tag times (hash), tag versions (zset), store id. ARGV: tag, stale, expired, ...
// Returns the new version.
const WRITE_TAGS = `
local v = redis.call('INCR', KEYS[1])
redis.call('SETNX', KEYS[4], ARGV[#ARGV])
for i = 1, #ARGV - 1, 3 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1] .. ',' .. ARGV[i + 2])
  redis.call('ZADD', KEYS[3], v, ARGV[i])
end
return v`;

// KEYS as above. ARGV: the store id and version this process last saw. Returns
// {id, version, tag1, times1, ...}: the tags invalidated after that version (all of them when the
// id differs, i.e. Redis lost its data or this process has seen nothing yet).
const READ_TAGS = `
local id = redis.call('GET', KEYS[4]) or ''
local v = redis.call('GET', KEYS[1]) or '0'
if id == ARGV[1] and v == ARGV[2] then return {id, v} end
local from = '-inf'
if id == ARGV[1] and ARGV[2] ~= '' then from = '(' .. ARGV[2] end
local tags = redis.call('ZRANGEBYSCORE', KEYS[3], from, '+inf')
local out = {id, v}
if #tags > 0 then
  local times = redis.call('HMGET', KEYS[2], unpack(tags))
  for i = 1, #tags do
    out[#out + 1] = tags[i]
    out[#out + 1] = times[i] or '0,0'
  end
end
return out`;

/** @param {Redis} redis */
function ready(redis) {
  return new Promise((resolve) => {
    const done = () => {
      redis.off('ready', done);
      redis.off('error', done);
      resolve(undefined);
    };
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/** @param {Uint8Array} bytes */
function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** @param {ReadableStream<Uint8Array>} stream */
async function bytesOf(stream) {
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

// Stored in Redis as: 4-byte big-endian length of the metadata JSON, the JSON, the value bytes.
/** @param {EntryMeta} meta @param {Uint8Array} bytes */
function encode(meta, bytes) {
  const json = Buffer.from(JSON.stringify(meta));
  const out = Buffer.allocUnsafe(4 + json.byteLength + bytes.byteLength);
  out.writeUInt32BE(json.byteLength, 0);
  json.copy(out, 4);
  out.set(bytes, 4 + json.byteLength);
  return out;
}

/** @param {Buffer} buf @returns {LocalEntry | undefined} */
function decode(buf) {
  if (buf.byteLength < 4) return undefined;
  const length = buf.readUInt32BE(0);
  if (4 + length > buf.byteLength) return undefined;
  const meta = /** @type {EntryMeta} */ (JSON.parse(buf.subarray(4, 4 + length).toString('utf8')));
  return { meta, bytes: new Uint8Array(buf.subarray(4 + length)) };
}

/**
 * @param {{ url?: string, prefix?: string, timeoutMs?: number, log?: (message: string) => void }} options
 */
export function createSharedCache(options) {
  const log = options.log ?? ((m) => console.error(`[cache] ${m}`));
  const prefix = options.prefix || 'gazette:';
  const keys = {
    version: `${prefix}tags:version`,
    times: `${prefix}tags:times`,
    order: `${prefix}tags:order`,
    id: `${prefix}tags:id`,
    entry: (/** @type {string} */ key) => `${prefix}entry:${key}`,
  };

  /** @type {Map<string, LocalEntry>} */
  const local = new Map();
  let localBytes = 0;
  /** @type {Map<string, Promise<void>>} */
  const pendingSets = new Map();
  /** @type {Map<string, TagTimes>} */
  const manifest = new Map();
  const seen = { id: '', version: '' };

  /** @type {Redis | undefined} */
  let redis;
  // true while Redis cannot be trusted: not yet reached, unreachable, or back but not yet
  // re-synchronised. Until the first contact nothing is cached here, so that contact needs no
  // global invalidation; a later one does (this process may have missed or failed to deliver one).
  let outage = Boolean(options.url);
  let synced = false;
  // An invalidation this process could not deliver: the next contact must invalidate everything.
  let undelivered = false;
  if (options.url) {
    redis = new Redis(options.url, {
      // Fail at once while disconnected instead of queueing (no pile-up), and bound every
      // command: a slow Redis costs at most this much per request.
      enableOfflineQueue: false,
      commandTimeout: options.timeoutMs ?? 1000,
      connectTimeout: options.timeoutMs ?? 1000,
      maxRetriesPerRequest: 0,
      retryStrategy: (times) => Math.min(100 * times, 2000),
      lazyConnect: false,
    });
    redis.on('error', (err) => {
      if (!outage || !synced) log(`Redis unavailable (${err.message}); reading from the database until it is back.`);
      outage = true;
    });
    redis.on('close', () => {
      outage = true;
    });
  }

  /** @param {unknown} err */
  function fail(err) {
    if (!outage) log(`Redis failed (${err instanceof Error ? err.message : String(err)}); reading from the database until it is back.`);
    outage = true;
  }

  /** @param {string} tag @param {TagTimes} times */
  function learn(tag, times) {
    const old = manifest.get(tag);
    manifest.set(tag, old ? { stale: Math.max(old.stale, times.stale), expired: Math.max(old.expired, times.expired) } : times);
  }

  /** @param {string} key @param {LocalEntry} entry */
  function keep(key, entry) {
    const old = local.get(key);
    if (old) {
      local.delete(key);
      localBytes -= old.bytes.byteLength;
    }
    local.set(key, entry);
    localBytes += entry.bytes.byteLength;
    for (const [k, v] of local) {
      if (localBytes <= LOCAL_MAX_BYTES) break;
      local.delete(k);
      localBytes -= v.bytes.byteLength;
    }
  }

  function dropLocal() {
    local.clear();
    localBytes = 0;
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
    for (const tag of [ALL, ...meta.tags, ...softTags]) {
      const times = manifest.get(tag);
      if (!times) continue;
      if (times.expired > meta.timestamp && times.expired <= t) return undefined;
      if (times.stale > meta.timestamp) revalidate = -1;
    }
    return revalidate;
  }

  /** Apply a READ_TAGS answer. @param {unknown} reply */
  function apply(reply) {
    const r = /** @type {string[]} */ (reply);
    const [id = '', version = '0'] = r;
    if (id !== seen.id) {
      // A new store (first contact, or Redis lost its data): forget what we knew.
      manifest.clear();
      dropLocal();
    }
    for (let i = 2; i + 1 < r.length; i += 2) {
      const [stale = '0', expired = '0'] = String(r[i + 1]).split(',');
      learn(String(r[i]), { stale: Number(stale), expired: Number(expired) });
    }
    seen.id = id;
    seen.version = version;
  }

  /** Write tag times to Redis; resolves to the new version. @param {Map<string, TagTimes>} times */
  async function writeTags(times) {
    if (!redis) return;
    const args = [];
    for (const [tag, t] of times) args.push(tag, String(t.stale), String(t.expired));
    args.push(`${now()}-${Math.random().toString(36).slice(2)}`);
    await redis.eval(WRITE_TAGS, 4, keys.version, keys.times, keys.order, keys.id, ...args);
  }

  /** After an outage: invalidate everything cached anywhere, then resume. */
  async function recover() {
    if (!redis) return;
    const t = now();
    await writeTags(new Map([[ALL, { stale: t, expired: t }]]));
    dropLocal();
    apply(await redis.eval(READ_TAGS, 4, keys.version, keys.times, keys.order, keys.id, seen.id, seen.version));
    outage = false;
    synced = true;
    undelivered = false;
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
        if (!synced && ['wait', 'connecting', 'connect'].includes(redis.status)) await ready(redis);
        if (redis.status !== 'ready') return;
        if (synced || undelivered) await recover();
        else {
          apply(await redis.eval(READ_TAGS, 4, keys.version, keys.times, keys.order, keys.id, seen.id, seen.version));
          outage = false;
          synced = true;
        }
      } else {
        apply(await redis.eval(READ_TAGS, 4, keys.version, keys.times, keys.order, keys.id, seen.id, seen.version));
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
      if (!entry && redis) {
        try {
          const buf = await redis.getBuffer(keys.entry(cacheKey));
          entry = buf ? decode(buf) : undefined;
        } catch (err) {
          fail(err);
          return undefined;
        }
        if (entry) keep(cacheKey, entry);
      }
      if (!entry) return undefined;
      const revalidate = usable(entry.meta, softTags);
      if (revalidate === undefined) return undefined;
      // Refresh its place in the LRU order.
      local.delete(cacheKey);
      local.set(cacheKey, entry);
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
        keep(cacheKey, { meta, bytes });
        if (redis) {
          const ttl = Math.max(1, Math.min(Math.ceil(meta.expire), MAX_TTL_SECONDS));
          await redis.set(keys.entry(cacheKey), encode(meta, bytes), 'EX', ttl).catch(fail);
        }
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
        await writeTags(times);
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
      if (!redis) return true;
      try {
        await writeTags(times);
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
      return { mode: redis ? 'redis' : 'memory', connection: redis?.status, outage, localEntries: local.size, localBytes, version: seen.version };
    },
    async close() {
      redis?.disconnect();
    },
  };
}

/** @typedef {ReturnType<typeof createSharedCache>} SharedCache */

/** The process's shared cache, created on first use from the environment. @returns {SharedCache} */
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
