// The cover of a post page: the page's largest paint, so fetched first and never lazily; AVIF,
// then WebP, then the original's format, each at every width the library made, sized to the
// column; width and height reserve its box before a byte arrives (no layout shift).
import { fallbackType, POST_COLUMN_SIZES } from '@/lib/content/image-markup';
import { fileNear, srcset, type ImageDoc } from '@/lib/media/documents';

export function PostCover({ cover }: { cover: ImageDoc }) {
  const type = fallbackType(cover);
  const fallback = fileNear(cover, 960, [type]);
  return (
    <picture className="post-cover">
      {['image/avif', 'image/webp']
        .filter((t) => t !== type)
        .map((t) => ({ type: t, set: srcset(cover, t) }))
        .filter((s) => s.set)
        .map((s) => (
          <source key={s.type} type={s.type} srcSet={s.set} sizes={POST_COLUMN_SIZES} />
        ))}
      <img
        src={fallback.url}
        srcSet={srcset(cover, type) || undefined}
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
