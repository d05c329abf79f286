// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `src/` runs without a terminal UI: no React, no Ink, nothing from `components/`. */
const NO_UI = {
  regex: '^(react|react-dom)(/|$)|^(@[^/]+/)?ink(-[^/]+)?(/|$)|(^|/)components(/|$)',
  message: 'src/ runs without a terminal UI: React, Ink and components/ stay in components/.',
};

/** parse, store and select are pure layers below the commands: they never reach back up. */
const NO_COMMANDS = {
  regex: '(^|/)(cli|replay|sandbox)(/|$)',
  message: 'parse, store and select never import cli/, replay/ or sandbox/: data flows one way.',
};

export default tseslint.config(
  { ignores: ['dist/', 'dist.next-*/', 'dist.old/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layer boundaries (README, "Development": data flows one way). A later
  // block replaces an earlier one's options for the same rule, so the pure
  // layers' block repeats the UI restriction.
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_UI] }] },
  },
  {
    files: ['src/parse/**', 'src/store/**', 'src/select/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_UI, NO_COMMANDS] }] },
  },
  {
    // Components read the store through src/select and send actions back; AWS stays below the parse layer.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@aws-sdk/', message: 'components/ never call AWS: read selectors, send actions.' }] },
      ],
    },
  },
  {
    // The output layer, the CLI and the sandbox's own command are where text meets a terminal.
    files: ['src/output/**', 'src/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
