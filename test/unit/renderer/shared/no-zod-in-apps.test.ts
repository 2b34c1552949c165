/**
 * The browser apps do not carry the schema library: zod validates on the hall server and in the
 * configuration loaders, and a renderer module that imports a constant or a rule from a module
 * that also defines zod schemas would put all of zod into that app's bundle (about 18 KB gzipped
 * of the kiosk's budget of 100). This walks the modules each app's entry reaches at run time
 * (relative imports, transitively; `import type` and `export type` are erased and not followed) and
 * checks that none imports zod.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

/** Run-time imports and re-exports of a source: `import … from`, `export … from`, bare `import '…'`; not the type-only ones. */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\b(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/g)) {
    if (m[2] === undefined) out.push(m[3]!);
  }
  return out;
}

/** The modules an entry reaches at run time that import zod, as paths relative to the repository. */
function zodImporters(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (spec === 'zod' || spec.startsWith('zod/')) found.push(relative(process.cwd(), file));
      else if (/^\.{1,2}\/.*\.(?:ts|svelte)$/.test(spec)) visit(resolve(dirname(file), spec));
    }
  };
  visit(resolve(entry));
  return found;
}

describe('no browser app reaches zod at run time', () => {
  for (const app of ['kiosk', 'counter', 'dashboard', 'display', 'rating', 'ticket', 'province']) {
    it(app, () => {
      assert.deepEqual(zodImporters(join('renderer', app, 'main.ts')), []);
    });
  }

  it('the walk follows mixed imports and re-exports, skips type-only ones', () => {
    const source = [
      "import type { A } from './a.ts';",
      "import { b, type B } from './b.ts';",
      "export type { C } from './c.ts';",
      "export { d } from './d.ts';",
      "import './theme.css';",
      "import { z } from 'zod';",
    ].join('\n');
    assert.deepEqual(runtimeImports(source), ['./b.ts', './d.ts', './theme.css', 'zod']);
  });

  it('finds zod behind a constant of a wire module', () => {
    assert.deepEqual(zodImporters('electron/common/device-health-wire.ts'), ['electron/common/device-health-wire.ts']);
  });
});
