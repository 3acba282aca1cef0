// /docs – the API reference rendered from the OpenAPI document: a table of contents by tag, each
// operation with its parameters, responses and examples (lib/content/api-reference.ts). Plain
// HTML: no client JavaScript (the example responses fold with <details>).
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getApiReference, type ReferenceOperation } from '@/lib/content/api-reference';
import { getConfig } from '@/lib/config';
import { Operation } from './operation';

export const metadata: Metadata = {
  title: 'API reference',
  description: 'The Gazette public API: posts, feeds, changelog, events, media, delta sync and webhooks.',
};

export default async function DocsPage() {
  // The examples name this deployment's URL (SITE_URL), read at run time, not baked in at build.
  await connection();
  const reference = getApiReference(getConfig().siteUrl);
  return (
    <main className="docs">
      <h1>{reference.title}</h1>
      <p className="meta">
        Version {reference.version} · OpenAPI {reference.openapi} · machine-readable at{' '}
        <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <div className="md docs-intro" dangerouslySetInnerHTML={{ __html: reference.html }} />
      <div className="docs-layout">
        <nav aria-labelledby="docs-contents" className="docs-toc">
          <h2 id="docs-contents">Contents</h2>
          <ol>
            {reference.groups.map((g) => (
              <li key={g.anchor}>
                <a href={`#${g.anchor}`}>{g.name}</a>
                <ol>
                  {g.operations.map((op) => (
                    <li key={op.anchor}>
                      <a href={`#${op.anchor}`}>
                        <span className="method">{op.method}</span> <span className="toc-path">{op.path}</span>
                      </a>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
        </nav>
        <div className="docs-body">
          {reference.groups.map((g) => (
            <section key={g.anchor} className="tag-group" aria-labelledby={g.anchor}>
              <h2 id={g.anchor}>{g.name}</h2>
              {g.html && <div className="md" dangerouslySetInnerHTML={{ __html: g.html }} />}
              {g.operations.map((op, i) => (
                <Operation key={op.anchor} op={op} sameAs={i > 0 && sameTables(g.operations[0]!, op) ? g.operations[0] : undefined} />
              ))}
            </section>
          ))}
        </div>
      </div>
    </main>
  );
}

const tables = (op: ReferenceOperation) => JSON.stringify([op.parameters, op.responses]);
const sameTables = (a: ReferenceOperation, b: ReferenceOperation) => tables(a) === tables(b);
