// One process at a time on an embedded (PGlite) data directory.
//
// Two processes on one PGlite directory were seen to lose committed writes silently: each
// keeps its own in-memory Postgres and flushes over the other. So the first opener takes an
// exclusive lock file and every later opener fails fast, naming the holder.
//
// Written by hand rather than with an mtime-heartbeat library (proper-lockfile and kin)
// because an embedded database only ever lives on one host, where "is that PID alive" is
// exact and immediate: a crashed holder frees the directory at once, with no stale window and
// no timer, and the lock file can say who holds it.
import fs from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${holder.pid} ` +
        `(${holder.command}), running since ${holder.startedAt}. ` +
        'PGlite allows one process per data directory: stop that process first ' +
        '(or point GAZETTE_DATA_DIR at another directory, or use DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number') {
      return {
        pid: parsed.pid,
        command: String(parsed.command ?? 'unknown'),
        startedAt: String(parsed.startedAt ?? 'unknown'),
      };
    }
  } catch {
    // Missing or half-written: treated as no holder.
  }
  return undefined;
}

/**
 * Take the lock on `dataDir` for this process, until `release()` or process exit.
 * Re-entrant within one process. Throws DataDirLockedError when a live process holds it.
 */
export function lockDataDir(dataDir: string): { release: () => void } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.slice(1).map((a) => path.basename(a)).join(' ') || 'node',
    startedAt: new Date().toISOString(),
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' = O_CREAT|O_EXCL: atomic, exactly one creator wins.
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      const release = () => {
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    if (holder && holder.pid === process.pid) return { release: () => {} };
    if (holder && isAlive(holder.pid)) throw new DataDirLockedError(dataDir, holder);
    // The holder died without releasing: move its file aside atomically, then retry the
    // exclusive create. Only one contender's rename of a given stale file can succeed.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
      const moved = readHolder(aside);
      if (moved && moved.pid !== holder?.pid && isAlive(moved.pid)) {
        // We raced another contender who had already taken over: put its lock back.
        fs.renameSync(aside, file);
        throw new DataDirLockedError(dataDir, moved);
      }
      fs.rmSync(aside, { force: true });
    } catch (err) {
      if (err instanceof DataDirLockedError) throw err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const holder = readHolder(file);
  throw holder
    ? new DataDirLockedError(dataDir, holder)
    : new Error(`Could not lock the embedded database directory ${dataDir}`);
}
