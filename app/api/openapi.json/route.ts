// GET /api/openapi.json – the OpenAPI 3.1 description of the public API
import { publicRoute } from '@/lib/api/route';
import { getConfig } from '@/lib/config';
import { getOpenApi } from '@/lib/content/openapi';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    negotiate(request, ['application/json']);
    return represent(request, getOpenApi(getConfig().siteUrl).representation, 'docs');
  },
  { vary: ['Accept'] },
);
