// The API reference (/docs) as data: the OpenAPI document grouped by tag, each operation with
// its descriptions rendered from Markdown by the same sanitising renderer as posts (never raw
// HTML), its parameters and responses, an example request and an example response. Built once per
// process and site URL, like the document itself (lib/content/openapi.ts): it changes only with a
// deployment.
import { STATUS_CODES } from 'node:http';
import { getOpenApi } from './openapi';
import { renderMarkdown } from './markdown';
import { exampleOf, TEXT_EXAMPLES, type RefResolver, type Schema } from './openapi-example';

export interface ReferenceParameter { name: string; in: string; required: boolean; type: string; html: string }
export interface ReferenceResponse { status: string; reason: string; html: string; contentTypes: string[] }
export interface ReferenceOperation {
  anchor: string;
  method: string;
  /** The path, or for a webhook the event name. */
  path: string;
  webhook: boolean;
  summary: string;
  html: string;
  parameters: ReferenceParameter[];
  responses: ReferenceResponse[];
  exampleRequest: string;
  exampleResponse?: { label: string; text: string };
}
export interface ReferenceGroup { anchor: string; name: string; html: string; operations: ReferenceOperation[] }
export interface ApiReference { title: string; version: string; openapi: string; html: string; groups: ReferenceGroup[] }

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Schema[];
  requestBody?: Schema;
  responses?: Record<string, Schema>;
};

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const memo = new Map<string, ApiReference>();

export function getApiReference(siteUrl: string): ApiReference {
  let reference = memo.get(siteUrl);
  if (!reference) {
    reference = buildReference(siteUrl);
    memo.set(siteUrl, reference);
  }
  return reference;
}

function buildReference(siteUrl: string): ApiReference {
  const { document } = getOpenApi(siteUrl);
  const doc = document as unknown as Schema;
  const resolve: RefResolver = (ref) => {
    let node: unknown = doc;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Schema | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node as Schema | undefined;
  };
  const deref = (s: Schema | undefined): Schema => (s && typeof s.$ref === 'string' ? { ...resolve(s.$ref) } : (s ?? {}));
  const md = (text: unknown) => (typeof text === 'string' && text.trim() ? renderMarkdown(text, siteUrl) : '');

  const operations: (ReferenceOperation & { tag: string })[] = [];
  const collect = (entries: [string, Record<string, Operation>][], webhook: boolean) => {
    for (const [path, item] of entries) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const parameters = (op.parameters ?? []).map(deref);
        operations.push({
          tag: op.tags?.[0] ?? 'Other',
          anchor: slug(op.operationId ?? `${method}-${path}`),
          method: method.toUpperCase(),
          path,
          webhook,
          summary: op.summary ?? '',
          html: md(op.description),
          parameters: parameters.map((p) => ({
            name: String(p.name),
            in: String(p.in),
            required: Boolean(p.required),
            type: typeName(deref(p.schema as Schema)),
            html: md(p.description ?? (p.schema as Schema | undefined)?.description),
          })),
          responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
            const response = deref(r);
            return { status, reason: STATUS_CODES[Number(status)] ?? '', html: md(response.description), contentTypes: Object.keys((response.content as Schema) ?? {}) };
          }),
          exampleRequest: webhook ? webhookRequest(op, parameters, resolve) : curl(siteUrl, method, path, parameters, op, resolve),
          exampleResponse: webhook ? undefined : exampleResponse(op, deref, resolve),
        });
      }
    }
  };
  collect(Object.entries((doc.paths as Record<string, Record<string, Operation>>) ?? {}), false);
  collect(Object.entries((doc.webhooks as Record<string, Record<string, Operation>>) ?? {}), true);

  const tags = ((doc.tags as { name: string; description?: string }[]) ?? []).slice();
  for (const op of operations) if (!tags.some((t) => t.name === op.tag)) tags.push({ name: op.tag });
  const info = doc.info as { title: string; version: string; description?: string };
  return {
    title: info.title,
    version: info.version,
    openapi: String(doc.openapi),
    html: md(info.description),
    groups: tags
      .map((t) => ({ anchor: `tag-${slug(t.name)}`, name: t.name, html: md(t.description), operations: operations.filter((o) => o.tag === t.name) }))
      .filter((g) => g.operations.length > 0),
  };
}

function typeName(schema: Schema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

const paramExample = (p: Schema, resolve: RefResolver) => p.example ?? exampleOf(p.schema, resolve, String(p.name));

function curl(siteUrl: string, method: string, path: string, parameters: Schema[], op: Operation, resolve: RefResolver): string {
  const filled = path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const p = parameters.find((x) => x.in === 'path' && x.name === name);
    const value = p ? paramExample(p, resolve) : undefined;
    return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(String(value)) : whole;
  });
  const query = new URLSearchParams();
  for (const p of parameters) {
    if (p.in !== 'query' || !p.required) continue;
    query.set(String(p.name), String(paramExample(p, resolve)));
  }
  const types = Object.keys((Object.entries(op.responses ?? {}).find(([s]) => s.startsWith('2'))?.[1]?.content as Schema) ?? {});
  // Only where the representation is negotiated (more than one to choose from).
  const accept = types.length > 1 && !types[0]!.startsWith('image/') ? ` \\\n  -H 'Accept: ${types[0]}'` : '';
  const verb = method === 'get' ? '' : ` -X ${method.toUpperCase()}`;
  return `curl -i${verb} '${siteUrl}${filled}${query.size ? `?${query}` : ''}'${accept}`;
}

function webhookRequest(op: Operation, parameters: Schema[], resolve: RefResolver): string {
  const headers = parameters.filter((p) => p.in === 'header').map((p) => `${String(p.name)}: ${String(paramExample(p, resolve))}`);
  const content = (op.requestBody?.content as Record<string, Schema>) ?? {};
  const [type, media] = Object.entries(content)[0] ?? [];
  const body = media ? JSON.stringify(exampleOf(media.schema, resolve), null, 2) : '';
  return [`POST /your-endpoint HTTP/1.1`, ...(type ? [`Content-Type: ${type}`] : []), ...headers, '', body].join('\n');
}

function exampleResponse(op: Operation, deref: (s: Schema | undefined) => Schema, resolve: RefResolver): ReferenceOperation['exampleResponse'] {
  const [status, raw] = Object.entries(op.responses ?? {}).find(([s]) => s.startsWith('2')) ?? [];
  if (!status) return undefined;
  const response = deref(raw);
  const [type, media] = Object.entries((response.content as Record<string, Schema>) ?? {})[0] ?? [];
  const headers = Object.entries((response.headers as Record<string, Schema>) ?? {})
    .map(([name, h]) => [name, (deref(h).schema as Schema | undefined)?.example] as const)
    .filter(([, v]) => typeof v === 'string')
    .map(([name, v]) => `${name}: ${String(v)}`);
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[Number(status)] ?? ''}`.trimEnd(), ...(type ? [`Content-Type: ${type}`] : []), ...headers];
  let body = '';
  if (type && media) {
    const schema = deref(media.schema as Schema);
    if (/json/.test(type)) body = JSON.stringify(exampleOf(media.schema, resolve), null, 2);
    else if (type in TEXT_EXAMPLES) body = TEXT_EXAMPLES[type]!;
    else if (schema.format === 'binary') body = `(the ${type} bytes)`;
    else if (typeof schema.example === 'string') body = schema.example;
  }
  return { label: `${status}${type ? `, ${type}` : ''}`, text: body ? `${head.join('\n')}\n\n${body}` : head.join('\n') };
}
