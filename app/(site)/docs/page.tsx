// /docs – a readable API reference rendered from the OpenAPI document (no client JavaScript).
import type { Metadata } from 'next';
import { getOpenApi } from '@/lib/content/openapi';

export const metadata: Metadata = { title: 'API reference' };

type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

export default function DocsPage() {
  // Paths and schemas do not depend on the site URL; a placeholder keeps this page static.
  const { document } = getOpenApi('https://gazette.example');
  const paths = Object.entries(document.paths ?? {}) as [string, Record<string, Operation>][];
  return (
    <main className="docs">
      <h1>{document.info.title}</h1>
      <p>{document.info.description}</p>
      <p>
        Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {document.openapi}).
      </p>
      {paths.map(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => (
          <section key={`${method} ${path}`} id={`${method}-${path}`}>
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>
            </h2>
            {op.summary && <p><strong>{op.summary}</strong></p>}
            {op.description && <p>{op.description}</p>}
            {op.parameters && op.parameters.length > 0 && (
              <table>
                <thead>
                  <tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={`${p.in}-${p.name}`}>
                      <td><code>{p.name}</code></td>
                      <td>{p.in}</td>
                      <td>{p.required ? 'yes' : 'no'}</td>
                      <td>{p.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>Responses</h3>
            <ul>
              {Object.entries(op.responses ?? {}).map(([status, r]) => (
                <li key={status}>
                  <code>{status}</code> {r.description}
                  {r.content && <> ({Object.keys(r.content).join(', ')})</>}
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
    </main>
  );
}
