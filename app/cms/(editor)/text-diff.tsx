// A line diff of one field between two versions (the `diff` package): − only in the older side,
// + only in the newer. Long unchanged stretches are folded to a few lines of context, so a
// one-line edit of a long body shows that line, not the whole body.
import { diffLines } from 'diff';

const CONTEXT = 2;

type Line = { kind: 'add' | 'del' | 'same' | 'fold'; text: string };

function linesOf(from: string, to: string): Line[] {
  const out: Line[] = [];
  const parts = diffLines(from, to);
  parts.forEach((part, i) => {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.added || part.removed) {
      for (const text of lines) out.push({ kind: part.added ? 'add' : 'del', text });
      return;
    }
    // Unchanged: keep CONTEXT lines next to a change on either side, fold the rest.
    const keepHead = i > 0 ? CONTEXT : 0;
    const keepTail = i < parts.length - 1 ? CONTEXT : 0;
    if (lines.length <= keepHead + keepTail + 1) {
      for (const text of lines) out.push({ kind: 'same', text });
      return;
    }
    for (const text of lines.slice(0, keepHead)) out.push({ kind: 'same', text });
    out.push({ kind: 'fold', text: `… ${lines.length - keepHead - keepTail} unchanged lines …` });
    for (const text of lines.slice(lines.length - keepTail)) out.push({ kind: 'same', text });
  });
  return out;
}

export function TextDiff({ label, from, to, fromName = 'the older version', toName = 'the newer version' }: { label: string; from: string; to: string; fromName?: string; toName?: string }) {
  const lines = linesOf(from, to);
  return (
    <pre className="diff" aria-label={`${label} differences: lines starting with − are only in ${fromName}, + only in ${toName}`}>
      {lines.map((l, i) => (
        <span key={i} className={l.kind === 'add' ? 'diff-add' : l.kind === 'del' ? 'diff-del' : l.kind === 'fold' ? 'diff-fold' : undefined}>
          {`${l.kind === 'add' ? '+ ' : l.kind === 'del' ? '− ' : '  '}${l.text}\n`}
        </span>
      ))}
    </pre>
  );
}
