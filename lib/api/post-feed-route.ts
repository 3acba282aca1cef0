// The posts feeds differ only in format: one route body serves /feed.xml, /atom.xml and /feed.json.
import { getPostFeed, FEED_TYPES, type FeedFormat } from '@/lib/content/feed-readers';
import { getTagSlugs } from '@/lib/content/posts';
import { invalidParams, parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';
import { feedCursor, feedQuerySchema } from './feeds';
import { publicRoute } from './route';

export function postFeedRoute(format: FeedFormat) {
  return publicRoute(
    async (request) => {
      const query = parseQuery(new URL(request.url), feedQuerySchema);
      const cursor = feedCursor(query.cursor);
      if (query.tag && !(await getTagSlugs()).includes(query.tag)) throw invalidParams([{ name: 'tag', reason: `names no tag: ${query.tag}` }]);
      const mediaType = negotiate(request, FEED_TYPES[format]);
      return represent(request, await getPostFeed(format, mediaType, query.tag, cursor), 'feed');
    },
    { vary: ['Accept'] },
  );
}
