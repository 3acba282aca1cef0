// Every cache tag name lives here (SPEC §4): readers tag with them, publishing invalidates them.
export const cacheTags = {
  posts: 'posts',
  post: (slug: string) => `post:${slug}`,
  tag: (tag: string) => `tag:${tag}`,
  /** Every tag's name and description (the tag directory: /api/tags, tag page headings). */
  tags: 'tags',
  /** Every author profile's public name and bio (the author directory: /api/authors, author pages). */
  authors: 'authors',
  changelog: 'changelog',
  events: 'events',
  event: (id: string) => `event:${id}`,
  /** The change log's head (/api/changes without a full page): every recorded change. */
  changes: 'changes',
  /** The change log's retention horizon (full /api/changes pages, 410s): moved only by pruning. */
  changesHorizon: 'changes:horizon',
} as const;
