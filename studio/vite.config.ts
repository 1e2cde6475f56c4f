import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { ajvStandalone } from './build/ajv-standalone.js';

const root = fileURLToPath(new URL('.', import.meta.url));

// The studio SPA. Served by fastify from studio/dist (server/routes/studio-static.ts); in dev,
// `vite --config studio/vite.config.ts` proxies /api to a running server on :3000.
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), ajvStandalone()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
