// GET /api/events – upcoming and recent events as JSON
import { z } from 'zod';
import { publicRoute } from '@/lib/api/route';
import { getEventList } from '@/lib/content/events';
import { parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    parseQuery(new URL(request.url), z.object({}));
    negotiate(request, ['application/json']);
    return represent(request, await getEventList(), 'list');
  },
  { vary: ['Accept'] },
);
