// GET /changelog.xml – the changelog as RSS 2.0
import { changelogQuerySchema, feedCursor } from '@/lib/api/feeds';
import { publicRoute } from '@/lib/api/route';
import { FEED_TYPES, getChangelogFeed } from '@/lib/content/feed-readers';
import { parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const cursor = feedCursor(parseQuery(new URL(request.url), changelogQuerySchema).cursor);
    const mediaType = negotiate(request, FEED_TYPES.rss);
    return represent(request, await getChangelogFeed('rss', mediaType, cursor), 'feed');
  },
  { vary: ['Accept'] },
);
