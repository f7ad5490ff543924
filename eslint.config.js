// Lint rules, including the architecture: decks → widgets → engine, one way only.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-file/', 'dist-widgets/', 'pdf/', 'scratch/', 'test-results/', 'playwright-report/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'location', 'localStorage', 'HTMLElement', 'customElements'],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['lit', 'lit/*', '@lit/*'], message: 'The engine has no DOM: no Lit here.' },
        { group: ['**/widgets/**', '**/decks/**'], message: 'Imports go decks → widgets → engine only.' },
        { group: ['chart.js', 'chart.js/*', 'd3', 'd3-*', 'reveal.js', 'reveal.js/*'], message: 'The engine does not draw.' },
      ] }],
    },
  },
  {
    files: ['widgets/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@tensorflow/*'], message: 'Widgets reach TensorFlow.js only through engine/index.ts (lazily).' },
        { group: ['**/decks/**'], message: 'Imports go decks → widgets → engine only.' },
        { group: ['**/engine/*/**', '!**/engine/index.ts'], message: 'Widgets import nothing deeper than engine/index.ts.' },
      ] }],
    },
  },
);
