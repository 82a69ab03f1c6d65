import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

/** The window's first script loads the interface with a dynamic import (it asks the core the start's questions first).
 * This names that import's chunks, and their CSS, in index.html, so the browser fetches and compiles them while the
 * first script runs instead of after it. */
function preloadInterface(entry: string): Plugin {
  return {
    name: 'chatdesk-preload-interface',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
        const root = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
        if (!root) throw new Error(`preloadInterface: no chunk for ${entry}`);
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (chunk: Rollup.OutputChunk) => {
          if (files.has(chunk.fileName)) return;
          files.add(chunk.fileName);
          for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
          for (const name of chunk.imports) {
            const next = bundle[name];
            if (next?.type === 'chunk') visit(next);
          }
        };
        visit(root);
        const tags: HtmlTagDescriptor[] = [];
        // Vite names the first script's own imports already.
        for (const file of files)
          if (!html.includes(`/${file}"`))
            tags.push({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: '', href: `./${file}` },
              injectTo: 'head',
            });
        // Fetched only: a stylesheet link would hold back the first script until the CSS is parsed. With crossorigin,
        // as Vite's loader asks for the stylesheet later: a preload of another credentials mode is fetched twice.
        for (const file of css)
          tags.push({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: '', href: `./${file}` },
            injectTo: 'head',
          });
        return tags;
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        // The cache and export workers are their own entries (out/main/cacheWorker.js): a worker thread loads a file, not a chunk.
        input: {
          index: resolve('src/main/electron/main.ts'),
          cacheWorker: resolve('src/main/core/cache/worker.ts'),
          exportWorker: resolve('src/main/core/export/worker.ts'),
          exportReader: resolve('src/main/core/export/readerWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules at run time: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), preloadInterface('/src/render.tsx')],
    // `@shared/…` is src/shared (also in tsconfig.web.json, vitest.config.ts and the sessions harness build).
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: {
      // A minified production bundle: less to download, parse and compile before the first rows (goal ≤ 1.5 s).
      // CHATDESK_MINIFY=0 keeps the names readable in a profile.
      minify: process.env.CHATDESK_MINIFY !== '0',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
