// The cover of a post page: the page's largest paint, so fetched first and never lazily; AVIF,
// then WebP, then the original's format, each at every width the library made, sized to the
// column; width and height reserve its box before a byte arrives (no layout shift).
import { POST_COLUMN_SIZES } from '@/lib/content/post-images';
import { fileNear, srcset, type ImageDoc } from '@/lib/media/documents';

export function PostCover({ cover }: { cover: ImageDoc }) {
  const fallback = fileNear(cover, 960);
  return (
    <picture className="post-cover">
      {['image/avif', 'image/webp']
        .filter((type) => type !== cover.type)
        .map((type) => ({ type, set: srcset(cover, type) }))
        .filter((s) => s.set)
        .map((s) => (
          <source key={s.type} type={s.type} srcSet={s.set} sizes={POST_COLUMN_SIZES} />
        ))}
      <img
        src={fallback.url}
        srcSet={srcset(cover, cover.type) || undefined}
        sizes={POST_COLUMN_SIZES}
        width={cover.width}
        height={cover.height}
        alt={cover.alt}
        decoding="async"
        fetchPriority="high"
      />
    </picture>
  );
}
