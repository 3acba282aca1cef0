// Shapes of the hand-written demo content; db/seed/index.ts turns them into rows.
import type { changelogCategory, eventStatus, publicationStatus } from '../schema';

type Status = (typeof publicationStatus.enumValues)[number];

export interface SeedTag {
  slug: string; // lowercase kebab-case
  name: string;
}

export interface SeedAuthor {
  slug: string; // lowercase kebab-case
  name: string; // the public display name
  bio: string;
}

export interface SeedPost {
  slug: string; // lowercase kebab-case, unique
  title: string;
  summary: string;
  body: string; // Markdown source
  tags: string[]; // SeedTag slugs
  author: string; // a SeedAuthor's name
  status: Status;
  publishedAt: string | null; // ISO 8601 with offset; null only for drafts
  updatedAt?: string; // ISO 8601; defaults to publishedAt
  previousSlugs?: string[]; // slugs the post was renamed from (old URLs redirect)
  // A SeedImage key (db/seed/images.ts), null for none; by default chosen by the first tag.
  // Bodies may show a seed image as ![alt](media:{key}): the seed writes the stored image's URL.
  cover?: string | null;
}

export interface SeedChangelogEntry {
  key: string; // stable identifier inside the seed, kebab-case, unique
  title: string;
  body: string; // Markdown
  category: (typeof changelogCategory.enumValues)[number];
  productVersion: string | null;
  status: Status;
  publishedAt: string | null;
}

export interface SeedEvent {
  key: string; // stable identifier inside the seed; the iCalendar UID derives from it
  title: string;
  description: string;
  location: string;
  url: string | null;
  // Local wall-clock times in `timeZone`, 'YYYY-MM-DDTHH:mm'. For all-day events use
  // 'YYYY-MM-DD' with `end` exclusive (the day after the last day).
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string; // IANA zone
  status: (typeof eventStatus.enumValues)[number];
  sequence: number;
  published: boolean;
}
