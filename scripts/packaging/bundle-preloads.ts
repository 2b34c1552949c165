/**
 * Bundles each role's preload (electron/preload/<role>.ts) into one CommonJS file,
 * dist/electron/preload/<role>.cjs: a sandboxed preload cannot load other files, so the shared
 * bridge code and the contract constants are inlined and `electron` stays the only require.
 *
 * Usage: node --import tsx scripts/packaging/bundle-preloads.ts [outDir]
 */
import { build, type BuildResult } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const PRELOAD_ROLES = ['kiosk', 'counter', 'display'] as const;

/** Builds the three preloads; `write: false` returns them in memory (tests). */
export async function bundlePreloads(outDir: string, write: boolean): Promise<BuildResult<{ write: boolean }>> {
  return build({
    entryPoints: Object.fromEntries(PRELOAD_ROLES.map((role) => [role, join('electron', 'preload', `${role}.ts`)])),
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    write,
    logLevel: 'warning',
    legalComments: 'none',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ?? join('dist', 'electron', 'preload');
  await bundlePreloads(outDir, true);
  process.stdout.write(`preloads bundled into ${outDir}: ${PRELOAD_ROLES.map((r) => `${r}.cjs`).join(', ')}\n`);
}
