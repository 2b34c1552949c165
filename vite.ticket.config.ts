/**
 * Vite build of the citizens' ticket page (renderer/ticket, served at /t/<token>), apart from the
 * terminal apps of vite.config.ts: built on its own, it shares no chunk with them, so the page
 * carries only what it needs (its own copy of the Svelte runtime) and the terminals' bundles stay
 * exactly what their own build makes. Written into the same dist/renderer after that build.
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: false,
    target: 'chrome111',
    reportCompressedSize: false,
    rollupOptions: { input: { ticket: 'renderer/ticket/index.html' } },
  },
});
