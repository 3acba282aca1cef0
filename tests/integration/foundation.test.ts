// The foundation against the production build: health, the home page, the embedded
// database's single-opener lock.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('GET /api/health', () => {
  it('answers 200 with the database ready and is never cached', async () => {
    const res = await request(server.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { status: 'ok', driver: 'pglite' },
      // The shared cache: in memory, or Redis when the suite runs with REDIS_URL (CI does both).
      cache: { mode: process.env.REDIS_URL ? 'redis' : 'memory', status: 'ok' },
    });
  });

  it('answers HEAD with the same headers and no body', async () => {
    const res = await request(server.url).head('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text ?? '').toBe('');
  });
});

describe('the home page', () => {
  it('lists the latest published demo posts, newest first', async () => {
    const res = await request(server.url).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const titles = [...res.text.matchAll(/<h2><a href="\/posts\/[a-z0-9-]+">(.*?)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(titles.length).toBe(20);
    const dates = [...res.text.matchAll(/<time dateTime="([^"]+)"/g)].map((m) => m[1]!);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('the embedded database lock', () => {
  it('makes a second opener fail fast, naming the process that holds the directory', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const started = Date.now();
    const child = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/db-seed.ts'], {
      cwd: root,
      env: { ...process.env, GAZETTE_DATA_DIR: server.dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`in use by process ${process.pid}`);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('when the database is unreachable', () => {
  it('health answers 503 problem+json with Retry-After, and recovers when it returns', async () => {
    const { openDatabase, setProcessDatabase } = await import('@/db/client');
    await server.handle.close();
    const res = await request(server.url).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(JSON.stringify(res.body)).not.toMatch(/PGlite|closed|stack/i);

    server.handle = await openDatabase({ driver: 'pglite', dataDir: server.dataDir });
    setProcessDatabase(server.handle);
    const again = await request(server.url).get('/api/health');
    expect(again.status).toBe(200);
  });
});
