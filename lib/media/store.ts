// One storage interface for media files (SPEC §9), two implementations: a folder (the embedded
// default) and any S3-compatible bucket. Keys are the SHA-256 of the file's bytes, so a put is
// idempotent and a file, once stored, never changes. The database rows say which keys are in
// use; lib/media/sweep.ts removes the rest.
import { getConfig, type MediaConfig } from '@/lib/config';

export interface StoredObject {
  key: string;
  /** When the object was last put: the sweep leaves recent ones alone (an upload in progress). */
  modified: Date;
}

export interface MediaStore {
  readonly kind: 'folder' | 's3';
  /** Store bytes under their hash. Putting an existing key again refreshes its modification time. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** When the object was last put, or undefined when it is absent. */
  modified(key: string): Promise<Date | undefined>;
  /** The bytes, or bytes [start, end] (inclusive); null when the object is absent. */
  read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null>;
  /** Remove an object; removing an absent one is not an error. */
  delete(key: string): Promise<void>;
  list(): AsyncIterable<StoredObject>;
}

/**
 * Whether an error is the storage failing rather than a bug: a system error of the disk or the
 * network (Node's `code` + `syscall`, e.g. ENOSPC, EIO, ECONNRESET) or a bucket that answered
 * with a server fault or did not answer (the AWS SDK's `$fault: 'server'`, its timeout and
 * networking errors). The upload route answers these with a 503 the client may retry.
 */
export function isStorageFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; syscall?: unknown; $fault?: unknown };
  if (typeof e.code === 'string' && typeof e.syscall === 'string') return true;
  if (e.$fault === 'server') return true;
  return e.name === 'TimeoutError' || e.name === 'NetworkingError';
}

const STORE = Symbol.for('gazette.mediaStore');
type Holder = { [STORE]?: { config: MediaConfig['store']; store: Promise<MediaStore> } };

/** The process's media store, built from the configuration on first use. */
export function getMediaStore(): Promise<MediaStore> {
  const config = getConfig().media.store;
  const holder = globalThis as Holder;
  // Tests change the configuration between servers: a new configuration gets a new store.
  if (holder[STORE]?.config !== config) holder[STORE] = { config, store: createMediaStore(config) };
  return holder[STORE].store;
}

export async function createMediaStore(config: MediaConfig['store']): Promise<MediaStore> {
  if (config.kind === 's3') return new (await import('./s3-store')).S3Store(config);
  return new (await import('./folder-store')).FolderStore(config.dir);
}
