// GET /api/changelog.json – the changelog as JSON Feed 1.1 (also for Accept: application/json)
import { changelogQuerySchema, feedCursor } from '@/lib/api/feeds';
import { publicRoute } from '@/lib/api/route';
import { FEED_TYPES, getChangelogFeed } from '@/lib/content/feed-readers';
import { parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const cursor = feedCursor(parseQuery(new URL(request.url), changelogQuerySchema).cursor);
    const mediaType = negotiate(request, FEED_TYPES.json);
    return represent(request, await getChangelogFeed('json', mediaType, cursor), 'feed');
  },
  { vary: ['Accept'] },
);
