// The codebase's borders, enforced: the engine (src/core) never reaches VS Code, the CLI or the
// webview; the CLI never imports vscode; the webview talks to the extension only through
// src/protocol.ts. Formatting is Prettier's job (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const vscodeImport = {
  name: 'vscode',
  message: 'src/core and src/cli never import vscode: go through a host interface.',
};

/** Forbids imports whose path matches any of the given globs. */
function restrict(patterns, paths = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-output/', '.tiller-test/', 'test/fixtures/', 'media/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      [
        { group: ['**/extension/**', '**/extension'], message: 'src/core never imports src/extension.' },
        { group: ['**/cli/**', '**/cli', '**/cli.ts'], message: 'src/core never imports src/cli.' },
        { group: ['**/webview-ui/**'], message: 'src/core never imports webview-ui.' },
      ],
      [vscodeImport],
    ),
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      [
        { group: ['**/extension/**', '**/extension'], message: 'src/cli never imports src/extension.' },
        { group: ['**/webview-ui/**'], message: 'src/cli never imports webview-ui.' },
      ],
      [vscodeImport],
    ),
  },
  {
    files: ['src/extension/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict([
      { group: ['**/cli/**', '**/cli', '**/cli.ts'], message: 'src/extension never imports src/cli.' },
      { group: ['**/webview-ui/**'], message: 'src/extension never imports webview-ui.' },
    ]),
  },
  {
    files: ['webview-ui/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: restrict(
      [
        {
          group: ['**/src/*', '**/src/**', '!**/src/protocol', '!**/src/protocol.ts', '!./**', '!../**/webview-ui/**'],
          message: 'webview-ui imports only src/protocol.ts from src.',
        },
        {
          group: ['**/src/core/**', '**/src/extension/**', '**/src/cli/**'],
          message: 'webview-ui imports only src/protocol.ts from src.',
        },
        { group: ['node:*'], message: 'webview-ui runs in a browser: no Node modules.' },
      ],
      [vscodeImport],
    ),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
  {
    files: ['scripts/**/*.mjs', 'esbuild.config.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Drives a browser: some functions run in the page.
    files: ['test/webview/themes/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
