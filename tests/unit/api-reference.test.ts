// The API reference's data (/docs): built from the OpenAPI document with its Markdown rendered,
// and examples that are valid instances of the schemas they illustrate.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { getApiReference } from '@/lib/content/api-reference';
import { exampleOf } from '@/lib/content/openapi-example';
import { buildOpenApiDocument } from '@/openapi/registry';

const SITE = 'https://gazette.example';
const reference = getApiReference(SITE);
const doc = buildOpenApiDocument(SITE) as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
const operations = reference.groups.flatMap((g) => g.operations);

function validator(schema: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
}

describe('the API reference', () => {
  it('has every operation of the document once, under a unique anchor', () => {
    const count = Object.values(doc.paths).reduce((n, m) => n + Object.keys(m).length, 0);
    expect(operations.filter((o) => !o.webhook)).toHaveLength(count);
    const anchors = [...operations.map((o) => o.anchor), ...reference.groups.map((g) => g.anchor)];
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('renders the descriptions from Markdown, sanitised: code, never raw backticks or script', () => {
    const html = [reference.html, ...reference.groups.map((g) => g.html), ...operations.flatMap((o) => [o.html, ...o.parameters.map((p) => p.html), ...o.responses.map((r) => r.html)])].join('\n');
    expect(html).toContain('<code>Accept</code>');
    expect(html).not.toMatch(/`|<script/);
  });

  it('gives every HTTP operation a curl request for this site and a 2xx example response', () => {
    for (const op of operations.filter((o) => !o.webhook)) {
      expect(op.exampleRequest, op.anchor).toMatch(new RegExp(`^curl -i '${SITE}/`));
      expect(op.exampleRequest, op.anchor).not.toContain('{');
      expect(op.exampleResponse?.text, op.anchor).toMatch(/^HTTP\/1\.1 2\d\d /);
    }
  });

  it('shows JSON example responses that are valid instances of their schemas', () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const [status, response] = Object.entries(op.responses).find(([s]) => s.startsWith('2'))!;
        const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
        if (!type || !/json/.test(type)) continue;
        const shown = operations.find((o) => o.path === path && o.method === method.toUpperCase())!.exampleResponse!.text;
        const body = JSON.parse(shown.slice(shown.indexOf('\n\n') + 2));
        const validate = validator(media!.schema);
        expect(validate(body), `${method} ${path} ${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('builds examples from types when a schema has none, preferring non-null variants', () => {
    const resolve = () => undefined;
    expect(exampleOf({ type: 'object', properties: { at: { type: 'string', format: 'date-time' }, n: { type: 'integer', minimum: 3 }, x: { anyOf: [{ type: 'null' }, { type: 'boolean' }] } } }, resolve)).toEqual({ at: '2025-01-14T09:30:00Z', n: 3, x: true });
    // A self-referencing schema stops instead of recursing forever.
    const loop = { $ref: '#/loop' };
    expect(() => exampleOf(loop, () => ({ type: 'object', properties: { next: loop } }))).not.toThrow();
  });
});
