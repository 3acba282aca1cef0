// Media files in a folder (the embedded default): {dir}/{key[0..2]}/{key}. Writes go to a
// temporary file first and are renamed into place, so a reader never sees half a file and a
// process that dies mid-write leaves only a temporary file (removed by the sweep).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { HASH } from './formats';
import type { MediaStore, StoredObject } from './store';

const TMP = '.tmp';

export class FolderStore implements MediaStore {
  readonly kind = 'folder' as const;
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    if (!HASH.test(key)) throw new Error(`not a media key: ${key.slice(0, 80)}`);
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.file(key);
    const now = new Date();
    try {
      await fs.utimes(target, now, now);
      return; // the same bytes are there already
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const tmpDir = path.join(this.dir, TMP);
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${key}.${randomBytes(6).toString('hex')}`);
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fs.stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }

  async modified(key: string): Promise<Date | undefined> {
    const stat = await fs.stat(this.file(key)).catch(() => undefined);
    return stat?.isFile() ? stat.mtime : undefined;
  }

  async read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null> {
    const file = this.file(key);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    let shards: string[];
    try {
      shards = await fs.readdir(this.dir);
    } catch {
      return;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await fs.readdir(path.join(this.dir, shard)).catch(() => [] as string[])) {
        if (!HASH.test(name)) continue;
        const stat = await fs.stat(path.join(this.dir, shard, name)).catch(() => undefined);
        if (stat?.isFile()) yield { key: name, modified: stat.mtime };
      }
    }
  }

  /** Temporary files older than `before` (a write that died): removed by the sweep. */
  async removeStaleTemporaries(before: Date): Promise<number> {
    const tmpDir = path.join(this.dir, TMP);
    let removed = 0;
    for (const name of await fs.readdir(tmpDir).catch(() => [] as string[])) {
      const file = path.join(tmpDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtime < before) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
