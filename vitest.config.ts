import { defineConfig } from 'vitest/config';

// Three tiers (style.md 9): pure units need nothing; handler and end-to-end tests
// share emulators that test/support/global-setup.ts starts on their own ports.
export default defineConfig({
  test: {
    // Handler logs are shown for failing tests only.
    silent: 'passed-only',
    // Vitest's default on 2 cores is one worker (cores - 1), so the files ran one after another
    // while the integration files mostly wait on the local system (41 % of 2 cores busy over
    // npm test): two at once, on free ports, unique addresses and tables of their own
    // (docs/testing.md "Where CI's time goes").
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          exclude: ['test/infra/cdk-cli.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The real cdk CLI for every stage (docs/testing.md "The cdk CLI test"): about two minutes,
        // so a tier of its own (`npm run test:cli`, a step of .ci/run), not part of the units.
        test: {
          name: 'cli',
          include: ['test/infra/cdk-cli.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/handlers/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/local/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/record-aws-calls.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The China stage's components (docs/testing.md "The local-cn subset"): a representative
        // subset of the end-to-end tier, and the SMTP port's own tests, on a local-cn system.
        test: {
          name: 'integration-cn',
          include: ['test/e2e/intake.test.ts', 'test/e2e/complainant.test.ts', 'test/cn/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-cn.ts'],
          setupFiles: ['test/support/record-aws-calls.ts'],
          // One file at a time: smtp-outage.test.ts switches the shared SMTP server to 421 for
          // everyone (smtp-mailer.test.ts failed beside it with two workers).
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
