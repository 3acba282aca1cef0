// A line diff of a long text field between the current version and a revision, as the posts
// revision page shows the body: − only in the current version, + only in the revision.
import { diffLines } from 'diff';

export function TextDiff({ label, current, revision }: { label: string; current: string; revision: string }) {
  const parts = diffLines(current, revision);
  return (
    <pre className="diff" aria-label={`${label} differences: lines starting with − are only in the current version, + only in this revision`}>
      {parts.map((part, i) => (
        <span key={i} className={part.added ? 'diff-add' : part.removed ? 'diff-del' : undefined}>
          {part.value.replace(/^(?=.)/gm, part.added ? '+ ' : part.removed ? '− ' : '  ')}
        </span>
      ))}
    </pre>
  );
}
