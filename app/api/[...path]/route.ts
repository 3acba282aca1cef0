// Any other /api/… path – a 404 problem document rather than the HTML not-found page
import { HttpError } from '@/lib/http/problem';
import { publicRoute } from '@/lib/api/route';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(async () => {
  throw new HttpError(404, 'There is no API resource at this path. See /api/openapi.json.');
});
