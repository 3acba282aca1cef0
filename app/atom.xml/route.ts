// GET /atom.xml – the posts as Atom 1.0 (?tag= narrows it; RFC 5005 paging)
import { postFeedRoute } from '@/lib/api/post-feed-route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = postFeedRoute('atom');
