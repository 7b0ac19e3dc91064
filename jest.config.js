/**
 * One Jest configuration for unit (`*.spec.ts` beside the code) and e2e (`test/**`) tests.
 * Every worker gets its own PostgreSQL database cloned from a migrated template (see test/support).
 */
const esmPackages = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'load-esm', 'csv-parse', 'meilisearch', 'ical.js'];

module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testEnvironment: 'node',
  testRegex: '\\.(spec|e2e-spec|web-spec)\\.tsx?$',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@hub/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@hub/core(|/.*)$': '<rootDir>/libs/core/src$1',
  },
  transform: {
    // One ts-jest configuration for .ts and .tsx (the web app's component tests, jsdom via a docblock): ts-jest
    // shares one compiler per run, so two configurations would race and the loser's JSX would not compile.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [require.resolve('./test/support/import-meta.babel-plugin.js'), '@babel/plugin-transform-dynamic-import', ['@babel/plugin-transform-modules-commonjs', { importInterop: 'node' }]],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
