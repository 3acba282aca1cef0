// The posts feeds differ only in format: one route body serves /feed.xml, /atom.xml and /feed.json.
import { feedCursor, feedQuerySchema } from '@/lib/api/feeds';
import { FEED_TYPES, getPostFeed, getPostFeedFull, type FeedFormat } from '@/lib/content/feed-readers';
import { getTagSlugs } from '@/lib/content/posts';
import { negotiate, publicRoute, representRef } from './public-route';
import { invalidParams, parseQuery } from './query';

export function postFeedRoute(format: FeedFormat) {
  return publicRoute(
    async (request) => {
      const query = parseQuery(new URL(request.url), feedQuerySchema);
      const cursor = feedCursor(query.cursor);
      if (query.tag && !(await getTagSlugs()).includes(query.tag)) throw invalidParams([{ name: 'tag', reason: `names no tag: ${query.tag}` }]);
      const mediaType = negotiate(request, FEED_TYPES[format]);
      const ref = await getPostFeed(format, mediaType, query.tag, cursor);
      return representRef(request, ref, () => getPostFeedFull(format, mediaType, query.tag, cursor), 'feed');
    },
    { vary: ['Accept'] },
  );
}
