import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'coverage', 'test-results', 'playwright-report'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The core is pure TypeScript: the same code runs in the gateway and the renderer, and time is passed in.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'electron',
            'react',
            'react-dom',
            'dexie',
            'socket.io',
            'socket.io-client',
            '@electric-sql/pglite',
            'fs',
            'path',
            'http',
            'crypto',
            'os',
          ],
          patterns: ['node:*', '@mantine/*', '../gateway/*', '../renderer/*', '../main/*'],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'process'],
    },
  },
  {
    // Components never touch the database directly: they go through feature hooks and repository functions.
    files: ['src/renderer/**/components/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie', 'dexie-react-hooks'] }] },
  },
);
