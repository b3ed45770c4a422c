import { defineConfig } from 'vitest/config';

// End-to-end tests: real headless Chromium (Debian's) driven by playwright-core against the
// real `crc serve --demo` on a fresh database. One file at a time: the machine may have two
// cores, and each file drives several browser contexts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['verbose'],
  },
});
