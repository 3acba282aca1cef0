// GET /api/changes – the change log for delta sync: every published item, then each change after it (deletions included), by opaque cursor
import { CHANGES_PARAMS, changesQuerySchema, changesUrl, decodeChangesCursor } from '@/lib/api/changes';
import { publicRoute } from '@/lib/api/route';
import { getConfig } from '@/lib/config';
import { getChangesPage } from '@/lib/content/changes';
import { HttpError } from '@/lib/http/problem';
import { invalidParams, parseQuery } from '@/lib/http/query';
import { negotiate, represent } from '@/lib/http/respond';

const known = new Set<string>(CHANGES_PARAMS);

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = publicRoute(
  async (request) => {
    const url = new URL(request.url);
    // A misspelt parameter (`types`, `after`) would otherwise sync silently without its filter.
    const unknown = [...new Set(url.searchParams.keys())].filter((name) => !known.has(name));
    if (unknown.length) throw invalidParams(unknown.map((name) => ({ name, reason: `is not a parameter of this resource (it takes ${CHANGES_PARAMS.join(', ')})` })));
    const query = parseQuery(url, changesQuerySchema);
    const cursor = query.cursor === undefined ? undefined : decodeChangesCursor(query.cursor);
    if (query.cursor !== undefined && !cursor) throw invalidParams([{ name: 'cursor', reason: 'is not a cursor this API issued' }]);
    // A cursor's positions only mean something within the filtered stream it was issued for.
    if (cursor && cursor.t !== query.type) {
      throw invalidParams([{ name: 'cursor', reason: `was issued for ${cursor.t ? `type=${cursor.t}` : 'every type (no type parameter)'}; send the same type with it` }]);
    }
    negotiate(request, ['application/json']);
    const result = await getChangesPage({ limit: query.limit, type: query.type, cursor });
    switch (result.kind) {
      case 'page':
        // A full page never changes (records up to its last position are fixed): immutable.
        return represent(request, result.page, result.full ? 'immutable' : 'list');
      case 'invalid':
        throw invalidParams([{ name: 'cursor', reason: result.reason }]);
      case 'gone': {
        const restart = changesUrl(getConfig().siteUrl, { limit: query.limit, type: query.type }, null);
        throw new HttpError(
          410,
          `This cursor is older than the change log keeps (${getConfig().partners.retentionDays} days): records it relies on were pruned. Start again without a cursor (${restart}) and replace your copy with what it returns.`,
          { restart },
        );
      }
    }
  },
  { vary: ['Accept'] },
);
