import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests spawn node; keep the two cores for them.
    pool: 'forks',
    // The run's temporary files under one folder, removed at its end (tests/temporaryRoot.ts).
    globalSetup: ['tests/temporaryRoot.ts'],
    // No test may depend on the machine's speed: on one slow, loaded core a property test of a few hundred runs or a
    // CLI test spawning node takes many times what it takes here. The bounds are there to end a hang, not to time.
    testTimeout: 60_000,
    // LibreOffice's and Chromium's first start (a new profile, libraries from a cold disk) takes up to a minute.
    hookTimeout: 240_000,
  },
});
