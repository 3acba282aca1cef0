// WebSub (W3C Recommendation §6): tell the hub our feeds changed, so subscribers fetch now.
import 'server-only';
import { getConfig } from '@/lib/config';
import { surfacePaths } from '@/lib/http/public-surface';

// The topics: every feed of the public surface (lib/http/public-surface.ts).
const FEEDS = surfacePaths('feed');

export async function pingHub(): Promise<void> {
  const { websubHubUrl, siteUrl } = getConfig();
  if (!websubHubUrl) return;
  const body = new URLSearchParams({ 'hub.mode': 'publish' });
  for (const f of FEEDS) body.append('hub.url', `${siteUrl}${f}`);
  try {
    const res = await fetch(websubHubUrl, { method: 'POST', body, signal: AbortSignal.timeout(5000) });
    if (!res.ok) console.error(`[websub] hub answered ${res.status}`);
  } catch (err) {
    console.error('[websub] ping failed:', err instanceof Error ? err.message : err);
  }
}
