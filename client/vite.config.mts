import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:4000';

/** Vite's warning limit for any chunk, in kB (its default): held for the Vue app's chunks only. */
const appChunkLimitKb = 500;

/**
 * The workbench page is GraphiQL with React (about 790 kB, one library), loaded only by analysts
 * who open /workbench; Vite's chunk-size warning, raised for it alone, would hide the app's
 * growth. So the global limit is above the workbench, and this check keeps the app's chunks
 * (those the index page loads) under Vite's default.
 */
const appChunkSize = (): Plugin => ({
  name: 'app-chunk-size',
  apply: 'build',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || chunk.name === 'workbench') continue;
      const kb = Buffer.byteLength(chunk.code) / 1000;
      if (kb > appChunkLimitKb)
        this.warn(`${chunk.fileName} is ${kb.toFixed(0)} kB, over the app's ${appChunkLimitKb} kB: split it`);
    }
  },
});

export default defineConfig({
  root,
  plugins: [vue(), appChunkSize()],
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    // The workbench's one chunk (see appChunkSize, which holds the app to Vite's default).
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // Two pages: the Vue app, and the analyst workbench (GraphiQL + React) kept out of the app's bundle.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        workbench: fileURLToPath(new URL('./workbench.html', import.meta.url)),
      },
      onwarn(warning, warn) {
        // React libraries' "use client" / "use no memo" (hints for React tooling) mean nothing in a browser bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /"use (client|no memo)"/.test(warning.message))
          return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/graphql': api,
      '/dev': api,
      '/exports': api,
    },
  },
});
