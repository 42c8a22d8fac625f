// Lint: a small rule set on top of the compiler's own checks (tsconfig: strict, noUnusedLocals/Parameters).
// The language core must not reach for the protocol or the editor: that boundary is a rule here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'media/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // The compiler reports unused names (noUnusedLocals/noUnusedParameters); one report is enough.
      '@typescript-eslint/no-unused-vars': 'off',
      // A `!` states what the code knows and the compiler cannot see; kept, but reviewed.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      // Budget text is full of U+3000 and other unusual spaces: comments, strings and patterns name them on purpose.
      'no-irregular-whitespace': ['error', { skipComments: true, skipStrings: true, skipTemplates: true, skipRegExps: true }],
      // Patterns that match control characters do so on purpose (text that XML or a terminal cannot carry).
      'no-control-regex': 'off',
      // Tests match aligned table columns; a run of spaces reads as what the table prints.
      'no-regex-spaces': 'off',
      // The command line loads its heavy parts when a command needs them (start-up time): a lazy require() is
      // deliberate outside the core.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // The language core imports nothing from the protocol or the editor.
    files: ['server/src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'error',
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', '@vscode/*'], message: 'The language core imports nothing from LSP or VS Code.' },
          { group: ['**/lsp/*', '**/server', '**/cli', '**/cli/*', '**/import/*', '../../client/*'], message: 'The language core does not depend on the server, the CLI or the importer.' },
        ],
      }],
    },
  },
);
