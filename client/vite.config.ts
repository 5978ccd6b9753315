import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:4000';

export default defineConfig({
  root,
  plugins: [vue()],
  define: {
    // vue-i18n feature flags: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
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
