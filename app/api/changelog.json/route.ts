// GET /api/changelog.json – the changelog as JSON Feed 1.1 (also for Accept: application/json)
import { changelogQuerySchema, feedCursor } from '@/lib/api/feeds';
import { FEED_TYPES, getChangelogFeed, getChangelogFeedFull } from '@/lib/content/feed-readers';
import { negotiate, publicRoute, representRef } from '@/lib/http/public-route';
import { parseQuery } from '@/lib/http/query';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const cursor = feedCursor(parseQuery(new URL(request.url), changelogQuerySchema).cursor);
    const mediaType = negotiate(request, FEED_TYPES.json);
    const ref = await getChangelogFeed('json', mediaType, cursor);
    return representRef(request, ref, () => getChangelogFeedFull('json', mediaType, cursor), 'feed');
  },
  { vary: ['Accept'] },
);
