// GET /feed.json – the posts as JSON Feed 1.1 (?tag= narrows it; next_url pages back in time)
import { postFeedRoute } from '@/lib/api/post-feed-route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = postFeedRoute('json');
