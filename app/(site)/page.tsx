import { ArchiveList, type SearchParams } from './_archive/archive-list';

// Blocking on purpose (no <Suspense> fallback): the HTML arrives complete, so readers without
// JavaScript see the posts. Streamed Suspense content needs JavaScript to be revealed. The read
// is a 'use cache' hit on the warm path, so blocking costs no database query.
export const instant = false;

export default function HomePage({ searchParams }: { searchParams: SearchParams }) {
  return (
    <main>
      <h1>Latest posts</h1>
      <ArchiveList filter={{}} basePath="/" searchParams={searchParams} empty="No posts have been published yet." />
    </main>
  );
}
