// The Open Graph image of a post, generated from its title, or its meta title when the editor set
// one (the card's og:title is the same: app/(site)/posts/[slug]/page.tsx) (Next metadata route).
import { ImageResponse } from 'next/og';
import { slugSchema } from '@/lib/api/posts';
import { lookupPost } from '@/lib/content/posts';
import { seoTitle } from '@/lib/content/post-seo';

export const alt = 'Gazette post';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const slug = slugSchema.safeParse((await params).slug);
  const lookup = slug.success ? await lookupPost(slug.data) : undefined;
  const post = lookup?.kind === 'found' ? lookup.post : undefined;
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'space-between', padding: 72, background: '#0b1f33', color: '#f5f7fa' }}>
        <div style={{ fontSize: 36, opacity: 0.8 }}>Gazette</div>
        <div style={{ fontSize: 64, fontWeight: 700, lineHeight: 1.15 }}>{post ? seoTitle(post) : 'Gazette'}</div>
        <div style={{ fontSize: 30, opacity: 0.8 }}>{post ? `${post.author} · ${post.publishedAt.slice(0, 10)}` : ''}</div>
      </div>
    ),
    size,
  );
}
