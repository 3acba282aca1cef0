import { connection } from 'next/server';
import { getLatestPosts } from '@/lib/content/posts';

// Blocking on purpose (no <Suspense> fallback): the HTML arrives complete, so readers without
// JavaScript see the posts. Streamed Suspense content needs JavaScript to be revealed. The read
// is a 'use cache' hit on the warm path, so blocking costs no database query.
export const instant = false;

export default function HomePage() {
  return (
    <main>
      <h1>Latest posts</h1>
      <LatestPosts />
    </main>
  );
}

async function LatestPosts() {
  // Content is read at request time (from the 'use cache' reader), never at build time:
  // `next build` must not open the database a running server may hold.
  await connection();
  const posts = await getLatestPosts(20);
  if (posts.length === 0) return <p>No posts have been published yet.</p>;
  return (
    <ol className="post-list" data-testid="post-list">
      {posts.map((post) => (
        <li key={post.slug}>
          <h2>
            <a href={`/posts/${post.slug}`}>{post.title}</a>
          </h2>
          <p className="meta">
            {post.author} · <time dateTime={post.publishedAt}>{post.publishedAt.slice(0, 10)}</time>
          </p>
          <p>{post.summary}</p>
        </li>
      ))}
    </ol>
  );
}
