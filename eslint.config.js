// ESLint 9 flat config: the recommended rules of ESLint and typescript-eslint, tuned where the
// codebase deliberately differs (tests use `any` for GraphQL response bodies).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // pack-test/ holds the SDK consumer fixtures, with deliberate misuses the pack test compiles.
  { ignores: ['**/node_modules/**', '**/dist/**', 'packages/sdk/src/generated/**', 'packages/sdk/pack-test/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Migrations are frozen and typed Kysely<any> by design (they must not import app types).
    files: ['packages/db/src/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
