// Layers import downwards only (app → lib → db). The HTTP layer knows nothing of storage or
// content, and the representation module, which both sides share, imports nothing of ours.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const files = (dir: string, recursive = false) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`);

describe('layers', () => {
  it('lib/http imports only itself and packages', () => {
    for (const file of files('lib/http')) {
      for (const spec of imports(file)) expect(spec.startsWith('@/') || spec.startsWith('../'), `${file} imports ${spec}`).toBe(false);
    }
  });

  it('lib/http/representation.ts imports nothing of ours', () => {
    for (const spec of imports('lib/http/representation.ts')) expect(spec.startsWith('.') || spec.startsWith('@/'), spec).toBe(false);
  });

  it('db imports nothing from lib or app (seeding included)', () => {
    for (const file of files('db', true)) {
      for (const spec of imports(file)) expect(/^(@\/(lib|app)\/|(\.\.\/)+(lib|app)\/)/.test(spec), `${file} imports ${spec}`).toBe(false);
    }
  });
});
