import { defineConfig } from 'vitest/config';

/**
 * One run, four projects: unit tests beside the code (the web's pure helpers among them); API tests
 * through the local gateway against DynamoDB Local; CDK template assertions and cdk-nag; browser
 * end-to-end in headless Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'core/src/**/*.test.ts',
            'functions/src/**/*.test.ts',
            'infra/local/**/*.test.ts',
            'web/src/**/*.test.ts',
            'test/repository.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          // Handlers log every request; tests that read logs turn this up themselves.
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
