// Previous/next page links of a keyset-paged list: each carries the cursor of the row at the
// page's edge, so they stay right however many rows are added or edited meanwhile.
export function Pager({ prev, next, label }: { prev?: string; next?: string; label: string }) {
  if (!prev && !next) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      {prev ? <a href={prev} rel="prev">← Previous</a> : <span aria-disabled="true">← Previous</span>}
      {next ? <a href={next} rel="next">Next →</a> : <span aria-disabled="true">Next →</span>}
    </nav>
  );
}
