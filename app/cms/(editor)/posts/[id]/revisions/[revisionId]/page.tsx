import { diffLines } from 'diff';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getPostForCms } from '@/lib/cms/posts';
import { getRevision } from '@/lib/cms/revisions';
import { takeFlash } from '@/lib/cms/flash';
import { RestoreForm } from '../../../../restore-form';
import { restorePostAction } from '../../../actions';

export const metadata: Metadata = { title: 'Revision' };

const FIELDS = ['title', 'slug', 'summary', 'author', 'tags', 'status', 'publishedAt'] as const;

export default async function RevisionPage({ params }: { params: Promise<{ id: string; revisionId: string }> }) {
  const p = await params;
  const ids = z.object({ id: z.uuid(), revisionId: z.uuid() }).safeParse(p);
  if (!ids.success) notFound();
  const [post, rev] = await Promise.all([getPostForCms(ids.data.id), getRevision(ids.data.revisionId)]);
  if (!post || !rev || rev.entityId !== post.id || rev.entityType !== 'post') notFound();
  const snap = rev.snapshot as Record<string, unknown>;
  const current: Record<string, unknown> = { ...post, publishedAt: post.publishedAt?.toISOString() ?? null };
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v == null ? '—' : String(v));
  const body = diffLines(String(current.body ?? ''), String(snap.body ?? ''));
  return (
    <main>
      <h1>Version {rev.entityVersion} of “{post.title}”</h1>
      <p className="meta">
        Saved by {rev.editorName} at {rev.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC{rev.note ? ` (${rev.note})` : ''}.{' '}
        <a href={`/cms/posts/${post.id}/revisions`}>All revisions</a>
      </p>
      <h2>Compared with the current version ({post.version})</h2>
      <table className="cms-table">
        <thead><tr><th>Field</th><th>Current</th><th>This revision</th></tr></thead>
        <tbody>
          {FIELDS.map((f) => (
            <tr key={f} className={show(current[f]) !== show(snap[f]) ? 'changed' : undefined}>
              <td>{f}</td><td>{show(current[f])}</td><td>{show(snap[f])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Body</h3>
      <pre className="diff" aria-label="Body differences: lines starting with − are only in the current version, + only in this revision">
        {body.map((part, i) => (
          <span key={i} className={part.added ? 'diff-add' : part.removed ? 'diff-del' : undefined}>
            {part.value.replace(/^(?=.)/gm, part.added ? '+ ' : part.removed ? '− ' : '  ')}
          </span>
        ))}
      </pre>
      <RestoreForm action={restorePostAction} id={post.id} version={post.version} revisionId={rev.id} revisionVersion={rev.entityVersion} flash={await takeFlash('post-restore')} />
    </main>
  );
}
