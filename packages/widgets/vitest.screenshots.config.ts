import { defineConfig } from 'vitest/config';

// `pnpm --filter @terroir/widgets screenshots`: the one run that writes docs/img.
export default defineConfig({
  test: { include: ['scripts/screenshots.ts'], testTimeout: 180_000, hookTimeout: 60_000 },
});
