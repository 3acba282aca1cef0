// GET /changelog.xml – the changelog as RSS 2.0
import { changelogQuerySchema, feedCursor } from '@/lib/api/feeds';
import { FEED_TYPES, getChangelogFeed, getChangelogFeedFull } from '@/lib/content/feed-readers';
import { negotiate, publicRoute, representRef } from '@/lib/http/public-route';
import { parseQuery } from '@/lib/http/query';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const cursor = feedCursor(parseQuery(new URL(request.url), changelogQuerySchema).cursor);
    const mediaType = negotiate(request, FEED_TYPES.rss);
    const ref = await getChangelogFeed('rss', mediaType, cursor);
    return representRef(request, ref, () => getChangelogFeedFull('rss', mediaType, cursor), 'feed');
  },
  { vary: ['Accept'] },
);
