// Example values for the API reference (/docs), read from an OpenAPI 3.1 schema: the schema's own
// `example`/`examples`/`const`/`default` where the Zod schemas give one, else a readable value
// built from its type, format and property name, so every operation shows a body that looks like
// what the API sends. Pure and bounded: $ref cycles stop at a fixed depth.
export type Schema = { [key: string]: unknown };
export type RefResolver = (ref: string) => Schema | undefined;

const MAX_DEPTH = 16;

/** Plausible values for common property names (the demo content's voice). */
const BY_NAME: Record<string, unknown> = {
  title: 'ETags explained: strong, weak and what your CDN does to them',
  summary: 'A practical tour of entity tags and why intermediaries sometimes rewrite them.',
  author: 'Maya Okonkwo',
  name: 'Maya Okonkwo',
  bio: 'Editor of Gazette; covers HTTP caching, CDNs and the web platform.',
  location: 'Berlin, Kulturbrauerei',
  timeZone: 'Europe/Berlin',
  alt: 'A stack of index cards, each stamped with a version tag',
  html: '<p>An <strong>entity tag</strong> is an opaque string…</p>',
  content_html: '<p>An <strong>entity tag</strong> is an opaque string…</p>',
  markdown: 'An **entity tag** is an opaque string…',
  body: 'An **entity tag** is an opaque string…',
  version: '1.4.0',
  category: 'added',
  status: 'published',
  cursor: 'eyJ0IjoiMjAyNS0wMS0xNFQwOTozMDowMFoiLCJpIjoiMGI2YyJ9',
  slug: 'etags-explained',
  previousSlug: 'etags-demystified',
  width: 1200,
  height: 800,
  bytes: 48213,
};

const BY_FORMAT: Record<string, unknown> = {
  'date-time': '2025-01-14T09:30:00Z',
  date: '2025-01-14',
  time: '09:30:00',
  uuid: '0b6c1e9a-5d7f-4c1e-9b1a-3f2d8e6a7c10',
  email: 'editor@gazette.example',
  uri: 'https://gazette.example/posts/etags-explained',
  url: 'https://gazette.example/posts/etags-explained',
  'uri-reference': '/posts/etags-explained',
  binary: '(binary)',
};

const asSchema = (v: unknown): Schema | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined);
const isNullSchema = (s: Schema | undefined) => s?.type === 'null';

export function exampleOf(input: unknown, resolve: RefResolver, name?: string, depth = 0): unknown {
  let schema = asSchema(input);
  if (!schema || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    schema = { ...resolve($ref), ...rest };
  }
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const variants = Array.isArray(schema[key]) ? (schema[key] as unknown[]).map(asSchema) : undefined;
    // The non-null variant: a nullable object reads better filled in.
    if (variants?.length) return exampleOf(variants.find((v) => !isNullSchema(v)) ?? variants[0], resolve, name, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => exampleOf(s, resolve, name, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : types[0]);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(asSchema(schema.properties) ?? {})) out[key] = exampleOf(prop, resolve, key, depth + 1);
      const extra = asSchema(schema.additionalProperties);
      if (extra && Object.keys(out).length === 0) out.key = exampleOf(extra, resolve, undefined, depth + 1);
      return out;
    }
    case 'array':
      return [exampleOf(schema.items, resolve, name, depth + 1)];
    case 'integer':
    case 'number':
      if (name && typeof BY_NAME[name] === 'number') return BY_NAME[name];
      return typeof schema.minimum === 'number' ? schema.minimum : type === 'integer' ? 1 : 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string': {
      const format = typeof schema.format === 'string' ? schema.format : undefined;
      if (format && format in BY_FORMAT) return BY_FORMAT[format];
      if (name && name in BY_NAME && typeof BY_NAME[name] === 'string') return BY_NAME[name];
      return name ? `${name} text` : 'text';
    }
    default:
      return name && name in BY_NAME ? BY_NAME[name] : null;
  }
}

/** Readable skeletons of the non-JSON bodies the API sends, by media type. */
export const TEXT_EXAMPLES: Record<string, string> = {
  'application/rss+xml': `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Gazette</title>
    <link>https://gazette.example/</link>
    <item>
      <title>ETags explained</title>
      <link>https://gazette.example/posts/etags-explained</link>
      <guid isPermaLink="false">0b6c1e9a-5d7f-4c1e-9b1a-3f2d8e6a7c10</guid>
      <pubDate>Tue, 14 Jan 2025 09:30:00 GMT</pubDate>
      <content:encoded><![CDATA[<p>An <strong>entity tag</strong> is…</p>]]></content:encoded>
    </item>
  </channel>
</rss>`,
  'application/atom+xml': `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Gazette</title>
  <id>https://gazette.example/</id>
  <updated>2025-03-02T16:45:00Z</updated>
  <entry>
    <title>ETags explained</title>
    <id>urn:uuid:0b6c1e9a-5d7f-4c1e-9b1a-3f2d8e6a7c10</id>
    <link href="https://gazette.example/posts/etags-explained"/>
    <updated>2025-03-02T16:45:00Z</updated>
    <content type="html">&lt;p&gt;An entity tag is…&lt;/p&gt;</content>
  </entry>
</feed>`,
  'text/calendar': `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Gazette//Events//EN
BEGIN:VEVENT
UID:0b6c1e9a-5d7f-4c1e-9b1a-3f2d8e6a7c10@gazette.example
SEQUENCE:2
DTSTAMP:20250302T164500Z
DTSTART;TZID=Europe/Berlin:20250410T183000
DTEND;TZID=Europe/Berlin:20250410T210000
SUMMARY:HTTP caching meetup
LOCATION:Berlin\\, Kulturbrauerei
END:VEVENT
END:VCALENDAR`,
  'text/markdown': `# ETags explained: strong, weak and what your CDN does to them

An **entity tag** is an opaque string a server attaches to a representation…`,
  'text/html': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ETags explained</title></head>
<body><article><h1>ETags explained</h1><p>An <strong>entity tag</strong> is…</p></article></body>
</html>`,
};
