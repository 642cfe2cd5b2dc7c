/** Jest in ESM mode (MikroORM 7 is ESM-only); see ../shared/STACK.md "Jest". */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 60000,
  // CI must end once every suite has reported. A handle left open by a failed suite (a pool waiting on a
  // dropped connection, say) would otherwise keep the process alive past CI's limit and lose the results.
  forceExit: true,
};
