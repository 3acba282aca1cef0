// Layers import downwards only (app → lib → db). The HTTP layer knows nothing of storage or
// content, and the representation module, which both sides share, imports nothing of ours.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every module a file names: static imports and re-exports, `import '…'`, `import('…')` and `require('…')`. */
export function imports(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]/g),
  ].map((m) => m[1]!);
}
const importsOf = (file: string) => imports(fs.readFileSync(path.join(ROOT, file), 'utf8'));

const files = (dir: string, recursive = false) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive })
    .map(String)
    .filter((f) => /\.(ts|tsx|mts|mjs|js)$/.test(f))
    .map((f) => `${dir}/${f}`);

describe('the import finder', () => {
  it('sees static, side-effect, dynamic and require imports', () => {
    const text = [
      "import { a } from '@/lib/a';",
      "export { b } from '../lib/b';",
      "import './c';",
      "const { d } = await import('../lib/d');",
      'const e = require("@/app/e");',
      'const f = await import(`./f`);',
    ].join('\n');
    expect(imports(text)).toEqual(['@/lib/a', '../lib/b', './c', '../lib/d', '@/app/e', './f']);
  });
});

describe('layers', () => {
  it('lib/http imports only itself and packages', () => {
    for (const file of files('lib/http')) {
      for (const spec of importsOf(file)) expect(spec.startsWith('@/') || spec.startsWith('../'), `${file} imports ${spec}`).toBe(false);
    }
  });

  it('lib/http/representation.ts imports nothing of ours', () => {
    for (const spec of importsOf('lib/http/representation.ts')) expect(spec.startsWith('.') || spec.startsWith('@/'), spec).toBe(false);
  });

  it('lib imports nothing from app', () => {
    for (const file of files('lib', true)) {
      for (const spec of importsOf(file)) expect(/^(@\/app\/|(\.\.\/)+app\/)/.test(spec), `${file} imports ${spec}`).toBe(false);
    }
  });

  it('db imports nothing from lib or app (seeding included)', () => {
    for (const file of files('db', true)) {
      for (const spec of importsOf(file)) expect(/^(@\/(lib|app)\/|(\.\.\/)+(lib|app)\/)/.test(spec), `${file} imports ${spec}`).toBe(false);
    }
  });
});
