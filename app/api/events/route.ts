// GET /api/events – upcoming and recent events as JSON
import { z } from 'zod';
import { getEventList } from '@/lib/content/events';
import { negotiate, publicRoute, represent } from '@/lib/http/public-route';
import { parseQuery } from '@/lib/http/query';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    parseQuery(new URL(request.url), z.object({}));
    negotiate(request, ['application/json']);
    return represent(request, await getEventList(), 'list');
  },
  { vary: ['Accept'] },
);
