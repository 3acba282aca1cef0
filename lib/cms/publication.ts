// The one publication model of every content type: where an item stands after the editor's
// intent (SPEC §5 scheduling). The statuses are the database's enum (db/schema.ts).
import 'server-only';
import { publicationStatus } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { ActionRefusal } from './refusals';

/**
 * How soon after its time a scheduled change is public, as the running mode makes it true:
 * Vercel's cron (vercel.json, "* * * * *") and npm start's own timer (scripts/start.ts, every
 * 60 s) both call /api/cron/publish once a minute.
 */
export function schedulerNote(): string {
  return getConfig().onVercel
    ? "Vercel's cron runs the scheduler once a minute, so it is public within a minute after that."
    : 'the scheduler of npm start runs once a minute, so it is public within a minute after that.';
}

export const PUBLICATION_STATUSES = publicationStatus.enumValues;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];
export const PUBLISH_INTENTS = ['save', 'publish', 'schedule', 'unpublish'] as const;
export type PublishIntent = (typeof PUBLISH_INTENTS)[number];

interface Current {
  status: PublicationStatus;
  publishedAt: Date | null;
}

const invalid = (message: string) => new ActionRefusal('invalid', 'Please correct the highlighted fields.', { publishAt: message });

export function nextPublication(
  intent: PublishIntent,
  publishAt: Date | undefined,
  current: Current | undefined,
  now: Date,
): { status: PublicationStatus; publishedAt: Date | null } {
  switch (intent) {
    case 'publish':
      // Publishing again keeps the original publication time (feeds order by it); a first publish is "now".
      return { status: 'published', publishedAt: current?.status === 'published' && current.publishedAt ? current.publishedAt : now };
    case 'schedule':
      if (!publishAt || publishAt <= now) throw invalid('Choose a time in the future to schedule.');
      return { status: 'scheduled', publishedAt: publishAt };
    case 'unpublish':
      return { status: 'draft', publishedAt: null };
    case 'save':
      if (!current) return { status: 'draft', publishedAt: null };
      // A plain save of a scheduled item may move its time, but never into the past (that would be a silent publish).
      if (current.status === 'scheduled' && publishAt && publishAt.getTime() !== current.publishedAt?.getTime()) {
        if (publishAt <= now) throw invalid('Choose a time in the future, or publish now.');
        return { status: 'scheduled', publishedAt: publishAt };
      }
      return { status: current.status, publishedAt: current.publishedAt };
  }
}
