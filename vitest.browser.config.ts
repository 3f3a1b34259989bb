import { defineConfig } from 'vitest/config';

// The real-browser tier: Chromium (playwright-core, Debian's /usr/bin/chromium) drives the
// public pages of the whole local system, which test/support/global-setup.ts starts on free
// ports. Not part of `npm test` (a fresh machine has no Chromium); `.ci/run` installs
// Chromium and runs it with `npm run test:browser`. See docs/testing.md.
export default defineConfig({
  test: {
    silent: 'passed-only',
    projects: [
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
