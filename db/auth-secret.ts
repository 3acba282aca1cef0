// The embedded database's session-signing secret: generated once and kept next to the data
// directory, so sessions survive restarts. Deployments with DATABASE_URL set their own.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function ensureEmbeddedAuthSecret(dataDir: string): void {
  if (process.env.BETTER_AUTH_SECRET) return;
  const file = path.join(path.resolve(dataDir), '..', `${path.basename(dataDir)}.auth-secret`);
  let secret: string;
  try {
    secret = fs.readFileSync(file, 'utf8').trim();
  } catch {
    secret = randomBytes(32).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.BETTER_AUTH_SECRET = secret;
}
