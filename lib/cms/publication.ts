// Where a publishable item (a post or a changelog entry) stands after the editor's intent
// (SPEC §5 scheduling).
import 'server-only';
import { ActionRefusal } from './refusals';

export type PublicationStatus = 'draft' | 'scheduled' | 'published';
export type PublishIntent = 'save' | 'publish' | 'schedule' | 'unpublish';

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
      if (!publishAt || publishAt <= now) throw invalid('Choose a time in the future to schedule (UTC).');
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
