import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bundlePreloads, PRELOAD_ROLES } from '../../../../scripts/packaging/bundle-preloads.ts';

describe('preload bundles', () => {
  it('each role bundles into one file whose only require is electron (a sandboxed preload loads nothing else)', async () => {
    const result = await bundlePreloads('out', false);
    const files = result.outputFiles ?? [];
    assert.deepEqual(files.map((f) => f.path.split(/[\\/]/).at(-1)).sort(), PRELOAD_ROLES.map((r) => `${r}.cjs`).sort());
    for (const file of files) {
      const requires = [...file.text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(requires)], ['electron'], file.path);
      assert.doesNotMatch(file.text, /\bimport\s*\(/, 'no dynamic import');
      assert.match(file.text, /hallBridge/);
      assert.match(file.text, /hall-device:call/);
    }
  });
});
