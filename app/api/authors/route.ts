// GET /api/authors – every author with a published post: name, bio, post count and URLs
import { publicRoute } from '@/lib/api/route';
import { getAuthorListRepresentation } from '@/lib/content/taxonomy-documents';
import { negotiate, represent } from '@/lib/http/respond';

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    negotiate(request, ['application/json']);
    return represent(request, await getAuthorListRepresentation(), 'list');
  },
  { vary: ['Accept'] },
);
