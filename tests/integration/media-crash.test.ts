// A process killed in the middle of uploads (SIGKILL: no cleanup code runs) leaves no row without
// its files (SPEC §9); what it does leave (files without a row, temporaries) the sweep removes.
// `npm start` as a child process on a private embedded database; a few large uploads are sent
// and the server is killed at spread-out moments while it decodes, encodes and stores them.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '@/db/client';
import { mediaFiles } from '@/db/schema';
import { FolderStore } from '@/lib/media/folder-store';
import { sweepMedia } from '@/lib/media/sweep';
import { signIn } from '../helpers/cms-client';
import { startChildServer, type ChildServer } from '../helpers/child-server';
import { multipart, photoJpeg } from '../helpers/media';

/** When to kill: a moment into the upload, or as soon as its first file is in the store (before its row). */
const MOMENTS: { name: string; kill: number | 'first file stored' | 'answered' }[] = [
  { name: 'while the body streams in', kill: 100 },
  { name: 'while decoding and encoding', kill: 1500 },
  { name: 'as its files are being stored, before its row', kill: 'first file stored' },
  { name: 'after it answered', kill: 'answered' },
];

describe('a server killed mid-upload', () => {
  const killed: ChildServer[] = [];
  afterAll(async () => {
    for (const s of killed) await s.stop();
  });

  let upload: ReturnType<typeof multipart>;
  beforeAll(async () => {
    // ~10 megapixels of photo-like noise: seconds of decoding and encoding on this machine.
    upload = multipart([{ name: 'file', filename: 'big.jpg', contentType: 'image/jpeg', data: await photoJpeg(3900, 2600, 7) }]);
  });

  for (const moment of MOMENTS) {
    it(`leaves rows and files consistent when killed ${moment.name}`, async () => {
      const server = await startChildServer({ SEED_DEMO_CONTENT: 'false' });
      killed.push(server);
      const editor = await signIn(server.url, 'editor');
      const store = new FolderStore(path.join(path.dirname(server.dataDir), 'media'));
      let initial = 0;
      for await (const _ of store.list()) initial++;
      const sent = fetch(`${server.url}/cms/media/upload`, {
        method: 'POST',
        headers: { 'content-type': upload.contentType, accept: 'application/json', origin: server.url, cookie: editor.header() },
        body: upload.body,
        signal: AbortSignal.timeout(60_000),
      }).then(
        (r) => r.status,
        () => 'killed' as const,
      );
      const when = moment.kill;
      if (typeof when === 'number') await new Promise((r) => setTimeout(r, when));
      else if (when === 'answered') expect(await sent).toBe(201);
      else {
        // The copy holds the demo images already: wait for one file more than those.
        const deadline = Date.now() + 60_000;
        for (let more = false; !more && Date.now() < deadline; ) {
          let n = 0;
          for await (const _ of store.list()) n++;
          more = n > initial;
          if (!more) await new Promise((r) => setTimeout(r, 10));
        }
      }
      const exited = new Promise((r) => server.child.once('exit', r));
      server.child.kill('SIGKILL');
      await exited;
      const outcome = await sent;
      expect([201, 'killed']).toContain(outcome);

      // Open what the dead process left: its database and its media folder.
      let handle: DbHandle | undefined;
      try {
        handle = await openDatabase({ driver: 'pglite', dataDir: server.dataDir });
        const named = [...new Set((await handle.db.select({ hash: mediaFiles.hash }).from(mediaFiles)).map((r) => r.hash))];
        // Never a row without its file.
        for (const hash of named) expect(await store.exists(hash), `file ${hash} of a row`).toBe(true);
        let stored = 0;
        for await (const _ of store.list()) stored++;
        // Files without a row are the sweep's (once older than the grace period).
        const swept = await sweepMedia(handle.db, store, new Date(Date.now() + 2 * 60 * 60 * 1000));
        console.log(`[killed ${moment.name}] upload ${outcome}; ${named.length} files named by rows, ${stored} stored, ${swept.removed} swept`);
        const left: string[] = [];
        for await (const o of store.list()) left.push(o.key);
        expect(left.sort()).toEqual(named.sort());
      } finally {
        await handle?.close();
      }
    });
  }
});
