import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.data/', 'test-artifacts/', 'coverage/', 'server/migrations/*-*.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    // The server logs through pino (server/request-scope.ts `log()`): a console line carries no
    // request id, operation or level. Only command-line output may use the console.
    files: ['server/**/*.ts'],
    ignores: [
      'server/scripts/**',
      'server/main.ts',
      'server/modules/legacy/legacy-cli.ts',
      'server/db/local-database.ts',
      'server/db/embedded.ts',
    ],
    rules: { 'no-console': 'error' },
  },
  prettier,
);
