/**
 * Mutation testing of the core engines (`npm run mutation`; one file: `npm run mutation -- --mutate <file>`).
 * Slow, so not part of `npm test`; the scores and what they mean are in docs/testing.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  plugins: ['@stryker-mutator/vitest-runner', './tools/stryker-vitest-runner.mjs'],
  testRunner: 'vitest-full-name',
  vitest: { configFile: 'tools/vitest-unit.config.ts', related: true },
  mutate: ['core/src/**/*.ts', '!core/src/**/*.test.ts'],
  // The sandbox copy holds what core's unit tests load; the rest of the repository stays out of it.
  ignorePatterns: ['/*', '!/core', '!/tools', '!/package.json', '!/tsconfig.json', '!/vitest.config.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 10000,
};
