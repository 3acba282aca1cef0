// The OpenAPI document lints clean (Redocly recommended) and describes real responses.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app-server';

let server: TestServer;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }> }>>; components: { schemas: Record<string, object> } };
beforeAll(async () => {
  server = await startTestServer();
  doc = (await request(server.url).get('/api/openapi.json')).body;
});
afterAll(async () => {
  await server?.close();
});

function validator(schema: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
  return ajv.compile(rewritten);
}

function schemaFor(path: string, status: number, type: string): object {
  const schema = doc.paths[path]?.get?.responses[String(status)]?.content?.[type]?.schema;
  expect(schema, `${path} ${status} ${type} is documented`).toBeDefined();
  return schema!;
}

function expectConforms(path: string, res: request.Response, type = 'application/json') {
  const validate = validator(schemaFor(path, res.status, type));
  const ok = validate(res.body);
  expect(validate.errors ?? [], `${path} ${res.status}`).toEqual([]);
  expect(ok).toBe(true);
}

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1 with validators and a cache policy', async () => {
    const res = await request(server.url).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.headers.etag).toMatch(/^W\//);
    const again = await request(server.url).get('/api/openapi.json').set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
  });

  it('lints clean with Redocly\'s recommended rules', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const serious = problems.filter((p) => p.severity === 'error' || p.severity === 'warn');
    expect(serious.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('documents every status and header the posts routes answer', () => {
    const statuses = (path: string) => Object.keys(doc.paths[path]!.get!.responses).sort();
    expect(statuses('/api/posts/{slug}')).toEqual(['200', '304', '308', '404', '405', '406', '410', '503']);
    // 308: a renamed or merged tag's former slug in `tag` (lib/api/tag-param.ts).
    expect(statuses('/api/posts')).toEqual(['200', '304', '308', '400', '405', '406', '503']);
    const headers = Object.keys(doc.paths['/api/posts']!.get!.responses['200']!.headers!);
    expect(headers).toEqual(expect.arrayContaining(['ETag', 'Cache-Control', 'Vary', 'Link', 'Last-Modified']));
  });
});

describe('real responses match the document', () => {
  it('GET /api/posts and its pages', async () => {
    const res = await request(server.url).get('/api/posts?limit=3');
    expectConforms('/api/posts', res);
    expectConforms('/api/posts', await request(server.url).get(new URL(res.body.links.next).pathname + new URL(res.body.links.next).search));
  });

  it('GET /api/posts/{slug} in JSON, and the errors as problems', async () => {
    expectConforms('/api/posts/{slug}', await request(server.url).get('/api/posts/etags-explained'));
    expectConforms('/api/posts/{slug}', await request(server.url).get('/api/posts/no-such-post'), 'application/problem+json');
    expectConforms('/api/posts/{slug}', await request(server.url).get('/api/posts/etags-explained').set('Accept', 'image/png'), 'application/problem+json');
    expectConforms('/api/posts', await request(server.url).get('/api/posts?limit=0'), 'application/problem+json');
  });

  it('GET /api/health', async () => {
    expectConforms('/api/health', await request(server.url).get('/api/health'));
  });
});

describe('/docs', () => {
  it('renders the reference from the document: a contents entry and a section for every operation', async () => {
    const res = await request(server.url).get('/docs');
    expect(res.status).toBe(200);
    const $ = cheerio.load(res.text);
    const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    expect($('main section.op').length).toBeGreaterThanOrEqual(operations);
    expect($('#getpost h3, h3#getpost').first().text()).toBe('GET /api/posts/{slug}');
    const contents = $('nav.docs-toc a').map((_, a) => $(a).attr('href')).get();
    for (const href of contents) expect($(`[id="${href.slice(1)}"]`).length, href).toBe(1);
  });
});
