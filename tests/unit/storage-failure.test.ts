// Which upload failures are the storage being down (a 503 the client may retry) and which are bugs
// (a logged 500): lib/media/store.ts isStorageFailure, used by the upload route.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStorageFailure } from '@/lib/media/store';

describe('isStorageFailure', () => {
  it('recognises a system error of the disk, as Node raises it', async () => {
    const err = await fs.readFile(path.join(os.tmpdir(), 'gazette-no-such-dir', 'x')).catch((e: unknown) => e);
    expect(isStorageFailure(err)).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('no space left on device'), { code: 'ENOSPC', syscall: 'write' }))).toBe(true);
  });

  it("recognises a bucket's server fault, timeout and network errors (AWS SDK shapes)", () => {
    expect(isStorageFailure(Object.assign(new Error('We encountered an internal error'), { name: 'InternalError', $fault: 'server' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isStorageFailure(Object.assign(new Error('socket hang up'), { name: 'NetworkingError' }))).toBe(true);
  });

  it('leaves bugs and client faults alone', () => {
    expect(isStorageFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isStorageFailure(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $fault: 'client' }))).toBe(false);
    expect(isStorageFailure(Object.assign(new Error('coded but no syscall'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
    expect(isStorageFailure('a string')).toBe(false);
    expect(isStorageFailure(undefined)).toBe(false);
  });
});
