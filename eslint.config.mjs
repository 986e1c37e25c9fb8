import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        navigator: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        console: 'readonly',
        L: 'readonly',
        FormData: 'readonly',
        localStorage: 'readonly',
        Intl: 'readonly',
      },
    },
  },
  {
    files: ['eslint.config.mjs', '.ci/**/*.mjs'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // CommonJS entry points (a worker thread's bootstrap that registers tsx).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
  // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 120 but leaves long strings,
  // comments and template literals as they are, so this rule holds the line for them.
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true }] },
  },
  {
    // Translations: one key per line, its string whole however long.
    files: ['server/lib/i18n/**'],
    rules: { 'max-len': ['error', { code: 120, ignoreUrls: true, ignoreStrings: true }] },
  },
);
