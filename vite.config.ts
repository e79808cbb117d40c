import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config for the web build and for Vitest. The web app lives in web/ and is built to dist/web,
// which the server serves; in development Vite proxies /api to the server on PORT (default 8080).
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` } },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Browser tests poll for what a page shows; a loaded 2-core machine can take seconds to render.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
