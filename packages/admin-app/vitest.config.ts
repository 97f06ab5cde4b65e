import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'admin-app',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
