import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests spawn node; keep the two cores for them.
    pool: 'forks',
  },
});
