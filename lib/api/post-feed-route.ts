// The posts feeds differ only in format: one route body serves /feed.xml, /atom.xml and /feed.json.
import { getPostFeed, FEED_TYPES, type FeedFormat } from '@/lib/content/feed-readers';
import { parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';
import { feedCursor, feedQuerySchema } from './feeds';
import { publicRoute } from './route';
import { checkAuthor, tagRedirect } from './tag-param';

export function postFeedRoute(format: FeedFormat) {
  return publicRoute(
    async (request) => {
      const query = parseQuery(new URL(request.url), feedQuerySchema);
      const cursor = feedCursor(query.cursor);
      // A renamed or merged tag's old slug: 308 to the current one (an unknown tag: 400).
      const moved = await tagRedirect(request, query.tag, 'feed');
      if (moved) return moved;
      await checkAuthor(query.author);
      const mediaType = negotiate(request, FEED_TYPES[format]);
      return represent(request, await getPostFeed(format, mediaType, { tag: query.tag, author: query.author }, cursor), 'feed');
    },
    { vary: ['Accept'] },
  );
}
