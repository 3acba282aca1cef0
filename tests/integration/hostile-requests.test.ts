// The hostile-request suite (hostile-requests.suite.ts) against our in-process server
// (scripts/server.ts: the request guard in front of Next, as `npm start` runs it).
import { startTestServer } from '../helpers/app-server';
import { hostileRequestSuite } from './hostile-requests.suite';

hostileRequestSuite('in-process server (npm start)', () => startTestServer());
