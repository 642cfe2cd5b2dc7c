// ESLint (flat config): `npm run lint`, part of `npm test`. typescript-eslint's type-checked rules over every
// TypeScript file of tsconfig.json (typed linting through the project service); formatting is Prettier's job
// (`npm run format:check`), so eslint-config-prettier comes last and turns off any rule that would fight it.
// A rule turned off in one file says why on the same line (`// eslint-disable-next-line rule -- reason`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// domain-reads-clock: src/domain has no zero-argument `new Date()` / `new Date` and no `Date.now` (nor
// `globalThis.Date.now`): time comes from the request clock (src/domain/shared/clock.ts), so that
// X-With-Server-Date and the tests' fixed clocks reach every rule. test/layers.test.ts holds it to fixtures.
const CLOCK_MESSAGE = (what) => `domain-reads-clock (${what}: take the time from the request clock, src/domain/shared/clock.ts)`;
// `Date` or any `x.Date` (globalThis.Date); `Date.now` read or called, `Date['now']` too.
const domainReadsClock = ['name', 'property.name'].flatMap((date) => [
  { selector: `NewExpression[arguments.length=0][callee.${date}='Date']`, message: CLOCK_MESSAGE('new Date()') },
  { selector: `MemberExpression[property.name='now'][object.${date}='Date']`, message: CLOCK_MESSAGE('Date.now()') },
  { selector: `MemberExpression[property.value='now'][object.${date}='Date']`, message: CLOCK_MESSAGE('Date.now()') },
]);

export default tseslint.config(
  {
    // Generated or vendored: never hand-edited, so never linted.
    ignores: ['dist/', 'coverage/', '.data/', 'spec/reference/', 'src/rest-facade/generated/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A leading underscore marks a parameter a signature needs but the body does not (express's four-argument
      // error handler, `_req`); a rest sibling drops properties from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/domain/**'],
    rules: { 'no-restricted-syntax': ['error', ...domainReadsClock] },
  },
  {
    // Tests and their fixtures read HTTP bodies (TestResponse.body is `any`, like supertest's res.body), GraphQL
    // `data` and raw SQL rows (`gql<T = any>`, `sql<T = any>`) and JSON files (JSON.parse); the assertions
    // (toEqual, toMatchObject, the contract tests' ajv schemas) check their shape at run time. Typing each body
    // first would add casts, not safety. src/, spec/, scripts/ and bench/ keep every rule.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript config files (this one, jest.config.js, .dependency-cruiser.cjs): not in tsconfig.json, so
    // no type information; they run under Node.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
