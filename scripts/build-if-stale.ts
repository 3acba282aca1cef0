// Runs `next build` when the sources changed since the last build (or there is none).
// The fingerprint covers everything that goes into the build; it is stored in .next/.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const inputs = ['app', 'lib', 'db', 'openapi', 'next.config.ts', 'tsconfig.json', 'package-lock.json', 'proxy.ts', 'instrumentation.ts'];
const stamp = path.join(root, '.next', 'gazette-source-hash');

function walk(p: string, hash: ReturnType<typeof createHash>): void {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), hash);
  } else {
    hash.update(path.relative(root, p));
    hash.update(fs.readFileSync(p));
  }
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const input of inputs) walk(path.join(root, input), hash);
  return hash.digest('hex');
}

export function buildIfStale({ quiet = false }: { quiet?: boolean } = {}): void {
  const current = sourceHash();
  const built = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
  if (built === current && fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    if (!quiet) console.log('Build is up to date.');
    return;
  }
  console.log(built ? 'Sources changed since the last build: running next build…' : 'No build yet: running next build…');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('next build failed.');
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stamp, current);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) buildIfStale();
