// The hostile-request suite (hostile-requests.suite.ts) against plain `next start` of the same
// build: nothing of scripts/server.ts runs, only proxy.ts, the route wrapper and patched Next.
import { startChildServer } from '../helpers/child-server';
import { hostileRequestSuite } from './hostile-requests.suite';

hostileRequestSuite('next start', async () => {
  const server = await startChildServer({}, { via: 'next start' });
  return { url: server.url, close: server.stop };
});
