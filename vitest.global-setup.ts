// Starts a throwaway PostgreSQL cluster when DATABASE_URL is unset, so the shared tests
// always run against both engines and never skip one.
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from './scripts/throwaway-postgres.mjs';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) return async () => {};
  const cluster = await startThrowawayPostgres();
  process.env.DATABASE_URL = cluster.url;
  return () => cluster.stop();
}
