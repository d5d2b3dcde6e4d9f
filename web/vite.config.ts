import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run as `vite build web`: the root is this folder and the bundle lands in web/dist, which the API server
// serves at `/` (src/api/web-ui.ts).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});
