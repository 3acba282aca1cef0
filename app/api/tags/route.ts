// GET /api/tags – every tag with a published post: its name, description, post count and URLs
import { publicRoute } from '@/lib/api/route';
import { getTagListRepresentation } from '@/lib/content/taxonomy-documents';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    negotiate(request, ['application/json']);
    return represent(request, await getTagListRepresentation(), 'list');
  },
  { vary: ['Accept'] },
);
