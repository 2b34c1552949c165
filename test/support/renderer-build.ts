/**
 * Builds the renderer apps (and the voice pack) into dist/renderer when the build is missing or
 * older than any file under renderer/ or electron/common/ (which the apps import), so e2e tests
 * and benchmarks always serve current code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const RENDERER_DIST = 'dist/renderer';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureRendererBuilt(): string {
  const marker = join(RENDERER_DIST, 'kiosk', 'index.html');
  const stale =
    !existsSync(marker) || statSync(marker).mtimeMs < Math.max(newestMtime('renderer'), newestMtime('electron/common'), statSync('vite.config.ts').mtimeMs);
  if (stale) {
    const r = spawnSync('npm', ['run', '--silent', 'build:renderer'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
  }
  return RENDERER_DIST;
}
