import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cmsDb } from '@/lib/cms/db';
import { takeFlash } from '@/lib/cms/flash';
import { getMedia, mediaUsage } from '@/lib/cms/media';
import { requireEditor } from '@/lib/cms/session';
import { formatSize } from '../format';
import { AltForm, CopyField, DeleteMediaForm } from './media-forms';
import '../media.css';

export const metadata: Metadata = { title: 'Image' };

const HOW = { cover: 'cover image', body: 'in the text', 'staged edit': 'in an unpublished edit' } as const;

export default async function MediaItemPage({ params }: { params: Promise<{ id: string }> }) {
  await requireEditor();
  const { id } = await params;
  const db = await cmsDb();
  const item = await getMedia(db, id);
  if (!item) notFound();
  const uses = await mediaUsage(db, item.id, item.hashes);
  // The stored result of a no-JavaScript submission (one flash name for both forms).
  const flash = await takeFlash('media');
  const altFlash = flash?.values?.alt !== undefined ? flash : undefined;
  const deleteFlash = flash && flash.values?.alt === undefined ? flash : undefined;
  const created = new Date(item.createdAt);
  // The preview: a variant about as wide as the column (the original may be many megapixels).
  const shown = item.files.filter((f) => !f.original && f.format === 'webp' && f.width <= 1600).sort((a, b) => b.width - a.width)[0];
  return (
    <main>
      <p>
        <a href="/cms/media">← Media library</a>
      </p>
      <h1>{item.fileName}</h1>
      <div className="media-detail">
        <div>
          <a href={item.url} title="The original file">
            <img className="media-preview" src={shown?.url ?? item.url} alt={item.alt} width={item.width} height={item.height} />
          </a>
        </div>
        <div className="cms-form">
          <p className="meta">
            {item.width}×{item.height} px · {item.format.toUpperCase()} · {formatSize(item.bytes)} · uploaded <time dateTime={item.createdAt}>{created.toISOString().slice(0, 10)}</time>
          </p>
          <CopyField id="media-url" label="URL" value={item.url} />
          <CopyField id="media-markdown" label="Markdown" value={item.markdown} />
          <CopyField id="media-id" label="Id (for a post's cover without JavaScript)" value={item.id} />
          <AltForm id={item.id} alt={item.alt} flash={altFlash} />
        </div>
      </div>
      <section aria-labelledby="uses-heading">
        <h2 id="uses-heading">Used by</h2>
        {uses.length === 0 ? (
          <p>Nothing uses this image.</p>
        ) : (
          <ul className="media-uses">
            {uses.map((u) => (
              <li key={`${u.type}/${u.id}/${u.how}`}>
                {u.type}: <a href={u.href}>{u.title || '(untitled)'}</a> — {HOW[u.how]}
                {u.deleted && ' (deleted item)'}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">Files</h2>
        <div className="table-scroll">
          <table className="cms-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Size</th>
                <th scope="col">Bytes</th>
              </tr>
            </thead>
            <tbody>
              {item.files.map((f) => (
                <tr key={f.url}>
                  <td>
                    <a href={f.url}>{f.original ? 'Original' : `${f.width} wide`}</a>
                  </td>
                  <td>{f.format.toUpperCase()}</td>
                  <td>
                    {f.width}×{f.height}
                  </td>
                  <td>{formatSize(f.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <DeleteMediaForm id={item.id} fileName={item.fileName} used={uses.length > 0} flash={deleteFlash} />
    </main>
  );
}
