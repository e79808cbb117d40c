import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The page's first script, under the web app's root (web/). */
const FIRST_REQUESTS = 'first-requests.ts';

/**
 * web/first-requests.ts as a script of its own, first in the page and without imports, so that it runs
 * as soon as it arrives: the app's own scripts take the browser half a second to load and compile on a
 * slow laptop. Vite would bundle every script of index.html into the app, so this one is bundled apart.
 */
function firstRequestsScript(): Plugin {
  let building = false;
  return {
    name: 'closeout-first-requests',
    configResolved(config) {
      building = config.command === 'build';
    },
    async buildStart() {
      if (!building) return;
      const { outputFiles } = await esbuild({
        entryPoints: [`web/${FIRST_REQUESTS}`],
        bundle: true,
        write: false,
        format: 'iife',
        minify: true,
        target: 'es2022',
      });
      this.emitFile({ type: 'asset', name: 'first-requests.js', source: outputFiles[0]!.text });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const built = Object.values(bundle ?? {}).find(
          (f) => f.type === 'asset' && f.names.includes('first-requests.js'),
        );
        // In development Vite serves the module itself.
        const attrs = built
          ? { async: true, src: `/${built.fileName}` }
          : { type: 'module', src: `/${FIRST_REQUESTS}` };
        return [{ tag: 'script', attrs, injectTo: 'head-prepend' }];
      },
    },
  };
}

export default defineConfig({
  root: 'web',
  plugins: [react(), firstRequestsScript()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` } },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The server the tests start runs as it ships: built (scripts/build-server.ts), once per run (in
    // watch mode, once: restart it after changing the server).
    globalSetup: ['tests/build-server.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    // Browser tests poll for what a page shows; a loaded 2-core machine can take seconds to render.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
