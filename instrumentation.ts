// Runs once when a server instance starts (next start, Vercel, our own server): validate the
// configuration first, so a bad value stops start-up with a message naming the variable; then
// start the background work (lib/cms/background.ts), never while building.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  getConfig();
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startBackgroundWork } = await import('./lib/cms/background');
  await startBackgroundWork();
}
