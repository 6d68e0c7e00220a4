import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'bench/peers/**', 'bench/.corpora/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs in plain Node, in the CLI, in tests and could run in a language server or a browser.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on the editor.' }],
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/core must run in a browser too: inject I/O.' }],
      }],
    },
  },
);
