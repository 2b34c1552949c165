/**
 * Vite build of the renderer apps: one entry per terminal role, built together into
 * dist/renderer/<role>/index.html (served by the hall server at /<role>/), and the province
 * dashboard (dist/renderer/province/, served by the province hub at /province/).
 */
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export const RENDERER_ROLES = ['kiosk', 'display', 'counter', 'rating', 'dashboard', 'province'] as const;

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    reportCompressedSize: false,
    rollupOptions: {
      input: Object.fromEntries([['index', 'renderer/index.html'], ...RENDERER_ROLES.map((role) => [role, `renderer/${role}/index.html`])]),
    },
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
