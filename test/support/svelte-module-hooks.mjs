/**
 * Node module hooks that compile rune modules (`*.svelte.ts`) the way Vite does for the browser:
 * TypeScript stripped by esbuild, then svelte's compileModule (client output). Lets unit tests run
 * rune classes under node:test. Register from a test with `register(<this file>, import.meta.url)`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { compileModule } from 'svelte/compiler';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.svelte.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const ts = await readFile(filename, 'utf8');
  const js = await transform(ts, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: filename });
  const compiled = compileModule(js.code, { filename, generate: 'client', dev: false });
  return { format: 'module', source: compiled.js.code, shortCircuit: true };
}
