// The clock of the editor making this request: their profile's zone, else their browser's, else
// UTC. (Issue 12: the profile and browser detection fill this in; until then, UTC.)
import 'server-only';
import { clockFor, type Clock } from './time';

export async function editorClock(): Promise<Clock> {
  return clockFor('UTC');
}
