// @ts-check
// The Redis side of the shared 'use cache' store (lib/cache/shared-cache.mjs): the client and its
// bounds, the keys, the two Lua scripts that keep tag invalidations ordered by a version counter,
// and the byte format of a stored entry. Plain JavaScript for the same reason as the handler.
import Redis from 'ioredis';

/** @typedef {Omit<import('next/dist/server/lib/cache-handlers/types').CacheEntry, 'value'>} EntryMeta */
/** @typedef {{ meta: EntryMeta, bytes: Uint8Array }} StoredEntry */
/** @typedef {{ stale: number, expired: number }} TagTimes */

// Redis keys expire with the entry; an "infinite" expire (Next's 0xfffffffe s) becomes 30 days,
// since SET ... EX with an out-of-range value fails.
const MAX_TTL_SECONDS = 30 * 24 * 3600;
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

/** @param {Buffer} buf @returns {StoredEntry | undefined} */
function decode(buf) {
  if (buf.byteLength < 4) return undefined;
  const length = buf.readUInt32BE(0);
  if (4 + length > buf.byteLength) return undefined;
  const meta = /** @type {EntryMeta} */ (JSON.parse(buf.subarray(4, 4 + length).toString('utf8')));
  return { meta, bytes: new Uint8Array(buf.subarray(4 + length)) };
}

/**
 * A client that fails at once while disconnected instead of queueing (no pile-up), with every
 * command bounded: a slow Redis costs at most `timeoutMs` per command.
 * @param {string} url @param {number} timeoutMs
 */
export function connect(url, timeoutMs) {
  return new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  });
}

/** Resolves when a connecting client is ready or has failed. @param {Redis} redis */
export function settled(redis) {
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

/** Commands on one key prefix. @param {Redis} redis @param {string} prefix */
export function redisTier(redis, prefix) {
  const keys = [`${prefix}tags:version`, `${prefix}tags:times`, `${prefix}tags:order`, `${prefix}tags:id`];
  // Sent by hash (EVALSHA), the script itself only when Redis does not know it yet.
  redis.defineCommand('gazetteWriteTags', { numberOfKeys: 4, lua: WRITE_TAGS });
  redis.defineCommand('gazetteReadTags', { numberOfKeys: 4, lua: READ_TAGS });
  /** @type {(...args: string[]) => Promise<unknown>} */
  const writeTags = (...args) => /** @type {any} ioredis types custom commands loosely */ (redis).gazetteWriteTags(...args);
  /** @type {(...args: string[]) => Promise<unknown>} */
  const readTags = (...args) => /** @type {any} */ (redis).gazetteReadTags(...args);
  const entryKey = (/** @type {string} */ key) => `${prefix}entry:${key}`;
  return {
    /** Record invalidations; the first write ever also names the store. @param {Map<string, TagTimes>} times */
    async writeTags(times) {
      const args = [];
      for (const [tag, t] of times) args.push(tag, String(t.stale), String(t.expired));
      args.push(`${Date.now()}-${Math.random().toString(36).slice(2)}`);
      await writeTags(...keys, ...args);
    },
    /**
     * The store's id and version, and the tags invalidated since `seen`.
     * @param {{ id: string, version: string }} seen
     * @returns {Promise<{ id: string, version: string, changes: [string, TagTimes][] }>}
     */
    async readTags(seen) {
      const r = /** @type {string[]} */ (await readTags(...keys, seen.id, seen.version));
      /** @type {[string, TagTimes][]} */
      const changes = [];
      for (let i = 2; i + 1 < r.length; i += 2) {
        const [stale = '0', expired = '0'] = String(r[i + 1]).split(',');
        changes.push([String(r[i]), { stale: Number(stale), expired: Number(expired) }]);
      }
      return { id: r[0] ?? '', version: r[1] ?? '0', changes };
    },
    /** @param {string} key */
    async getEntry(key) {
      const buf = await redis.getBuffer(entryKey(key));
      return buf ? decode(buf) : undefined;
    },
    /** @param {string} key @param {StoredEntry} entry */
    async setEntry(key, entry) {
      const ttl = Math.max(1, Math.min(Math.ceil(entry.meta.expire), MAX_TTL_SECONDS));
      await redis.set(entryKey(key), encode(entry.meta, entry.bytes), 'EX', ttl);
    },
  };
}
