// The public route wrapper every route handler under app/ uses: lib/http's, told how to
// recognise a database outage (lib/http itself knows nothing of storage).
import { isDatabaseOutage } from '@/db/outage';
import { createPublicRoute } from '@/lib/http/public-route';

export const publicRoute = createPublicRoute({ isOutage: isDatabaseOutage });
