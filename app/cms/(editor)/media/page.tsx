import type { Metadata } from 'next';
import { z } from 'zod';
import { cmsDb } from '@/lib/cms/db';
import { listMedia } from '@/lib/cms/media';
import { requireEditor } from '@/lib/cms/session';
import { UploadArea } from './upload-area';
import { formatSize } from './format';
import './media.css';

export const metadata: Metadata = { title: 'Media' };

type Search = { q?: string; after?: string; added?: string; existing?: string; refused?: string; deleted?: string };

const refusedList = z.array(z.object({ name: z.string().max(300), detail: z.string().max(500) })).max(50);

/** The upload route's answer to a plain form (303 here): counts and the refused files. */
function uploadResults(s: Search): { said: string; refused: z.infer<typeof refusedList> } | undefined {
  if (s.added === undefined && s.existing === undefined && s.refused === undefined) return undefined;
  const count = (v: string | undefined) => Math.max(0, Math.min(1000, Number.parseInt(v ?? '0', 10) || 0));
  const added = count(s.added);
  const existing = count(s.existing);
  let refused: z.infer<typeof refusedList> = [];
  try {
    const parsed = refusedList.safeParse(JSON.parse(s.refused ?? '[]'));
    if (parsed.success) refused = parsed.data;
  } catch {
    // A mangled query: show the counts only.
  }
  const parts = [
    added > 0 && `Uploaded ${added === 1 ? '1 image' : `${added} images`}.`,
    existing > 0 && `${existing === 1 ? '1 file was' : `${existing} files were`} already in the library.`,
    refused.length > 0 && `${refused.length === 1 ? '1 file was' : `${refused.length} files were`} refused:`,
  ].filter(Boolean);
  return { said: parts.join(' ') || 'Nothing was uploaded.', refused };
}

export default async function MediaLibraryPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireEditor();
  const s = await searchParams;
  const q = typeof s.q === 'string' ? s.q.slice(0, 200) : '';
  const after = typeof s.after === 'string' ? s.after : undefined;
  const page = await listMedia(await cmsDb(), { q, after });
  const results = uploadResults(s);
  const keep = (extra: Record<string, string>) => `/cms/media?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;
  return (
    <main>
      <h1>Media</h1>
      {typeof s.deleted === 'string' && (
        <p role="status" className="notice notice-ok">
          Deleted “{s.deleted.slice(0, 300)}” and its files.
        </p>
      )}
      {results && (
        <div role="status" className={`notice notice-${results.refused.length ? 'invalid' : 'ok'}`}>
          <p>{results.said}</p>
          {results.refused.length > 0 && (
            <ul>
              {results.refused.map((r, i) => (
                <li key={i}>
                  {r.name ? (
                    <>
                      <strong>{r.name}</strong>: {r.detail}
                    </>
                  ) : (
                    r.detail
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <UploadArea />
      <form method="get" action="/cms/media" className="media-search" role="search">
        <div className="field">
          <label htmlFor="media-q">Search by file name or alt text</label>
          <input id="media-q" type="search" name="q" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="secondary">Search</button>
        {q && <a href="/cms/media">Show all</a>}
      </form>
      {page.items.length === 0 ? (
        <p>{q ? `No image matches “${q}”.` : after ? 'No older images.' : 'No images yet. Upload one above.'}</p>
      ) : (
        <ul className="media-grid" aria-label={q ? `Images matching “${q}”` : 'Images, newest first'}>
          {page.items.map((m) => (
            <li key={m.id} className="media-card">
              <a href={`/cms/media/${m.id}`}>
                {/* Decorative here: the link names the file, and the alt text is shown as text. */}
                <img className="media-thumb" src={m.thumbUrl} alt="" width={m.width} height={m.height} loading="lazy" />
                <span className="media-card-text">
                  <strong>{m.fileName}</strong>
                  <span className="meta">
                    {m.width}×{m.height} · {formatSize(m.bytes)}
                  </span>
                  {m.alt ? <span>{m.alt}</span> : <span className="media-alt-missing">No alt text</span>}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <nav className="media-paging" aria-label="Pages">
        {after && <a href={keep({})}>Newest images</a>}
        {page.next && <a href={keep({ after: page.next })}>Older images →</a>}
      </nav>
    </main>
  );
}
