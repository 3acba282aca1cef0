import type { ReferenceOperation } from '@/lib/content/api-reference';

// One operation of the reference. The HTML it sets comes from renderMarkdown (sanitised to an
// allowlist); every other string is text React escapes. Wide tables and code scroll inside their
// own box, which takes keyboard focus (WCAG 2.1.1) so it can be scrolled without a pointer.
// sameAs: an earlier operation with the very same parameters and responses (the webhooks share
// theirs), linked instead of repeating its tables.
export function Operation({ op, sameAs }: { op: ReferenceOperation; sameAs?: ReferenceOperation }) {
  const name = `${op.method} ${op.path}`;
  return (
    <section className="op" aria-labelledby={op.anchor}>
      <h3 id={op.anchor}>
        <span className={`method method-${op.method.toLowerCase()}`}>{op.method}</span> <code className="op-path">{op.path}</code>
        {op.webhook && <span className="badge">webhook</span>}
      </h3>
      {op.summary && <p className="op-summary">{op.summary}</p>}
      {op.html && <div className="md" dangerouslySetInnerHTML={{ __html: op.html }} />}
      {sameAs && (
        <p className="meta">
          Parameters and responses as for <a href={`#${sameAs.anchor}`}>{sameAs.path}</a>.
        </p>
      )}
      {!sameAs && op.parameters.length > 0 && (
        <>
          <h4>Parameters</h4>
          <div className="table-scroll" tabIndex={0}>
            <table>
              <caption className="visually-hidden">Parameters of {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <td>
                      <code>{p.name}</code>
                      {p.required && <span className="required"> required</span>}
                    </td>
                    <td>{p.in}</td>
                    <td>
                      <code>{p.type}</code>
                    </td>
                    <td className="md" dangerouslySetInnerHTML={{ __html: p.html }} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {!sameAs && <Responses op={op} name={name} />}
      {op.webhook ? (
        // Every webhook's delivery has the same shape: folded, so the thirteen do not fill the page.
        <details className="example-response">
          <summary>Example delivery</summary>
          <pre tabIndex={0} className="example">
            <code>{op.exampleRequest}</code>
          </pre>
        </details>
      ) : (
        <>
          <h4>Example request</h4>
          <pre tabIndex={0} className="example">
            <code>{op.exampleRequest}</code>
          </pre>
        </>
      )}
      {op.exampleResponse && (
        <details className="example-response">
          <summary>Example response ({op.exampleResponse.label})</summary>
          <pre tabIndex={0} className="example">
            <code>{op.exampleResponse.text}</code>
          </pre>
        </details>
      )}
    </section>
  );
}

function Responses({ op, name }: { op: ReferenceOperation; name: string }) {
  return (
    <>
      <h4>Responses</h4>
      <div className="table-scroll" tabIndex={0}>
        <table>
          <caption className="visually-hidden">Responses of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Description</th>
              <th scope="col">Content</th>
            </tr>
          </thead>
          <tbody>
            {op.responses.map((r) => (
              <tr key={r.status}>
                <td className="status">
                  <code>{r.status}</code> {r.reason}
                </td>
                <td className="md" dangerouslySetInnerHTML={{ __html: r.html }} />
                <td>
                  {r.contentTypes.map((t) => (
                    <code key={t} className="content-type">
                      {t}
                    </code>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
