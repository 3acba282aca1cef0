// The OpenAPI document as a cached representation: generated once per process and site URL
// (it changes only with a deployment), so no request pays for generating or hashing it.
import { buildOpenApiDocument, type OpenApiDocument } from '@/openapi/registry';
import { weakEtag, type Representation } from '@/lib/http/representation';

const memo = new Map<string, { document: OpenApiDocument; representation: Representation }>();

export function getOpenApi(siteUrl: string): { document: OpenApiDocument; representation: Representation } {
  let entry = memo.get(siteUrl);
  if (!entry) {
    const document = buildOpenApiDocument(siteUrl);
    const body = JSON.stringify(document);
    entry = { document, representation: { body, contentType: 'application/json', etag: weakEtag('openapi', body) } };
    memo.set(siteUrl, entry);
  }
  return entry;
}
