// GET /feed.xml – the posts as RSS 2.0 (?tag= narrows it; rel="next" pages back in time)
import { postFeedRoute } from '@/lib/api/post-feed-route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = postFeedRoute('rss');
