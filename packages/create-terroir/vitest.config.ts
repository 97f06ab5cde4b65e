import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'create-terroir', include: ['src/**/*.test.ts'] },
});
