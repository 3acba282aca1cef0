// Runs once when a server instance starts (next start, Vercel, our own server): validate the
// configuration first, so a bad value stops start-up with a message naming the variable.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getConfig } = await import('./lib/config');
  getConfig();
}
