// Starts a throwaway PostgreSQL cluster when DATABASE_URL is unset, so the shared tests
// always run against both engines and never skip one.
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from './scripts/throwaway-postgres.mjs';

export default async function setup(): Promise<() => Promise<void>> {
  // One seed for every property and fuzz test file of the run (docs/testing.md): a random one
  // is drawn here, once, so all workers share it and the line below says how to replay it.
  if (process.env.FC_SEED === 'random') process.env.FC_SEED = String((Date.now() ^ (Math.random() * 0x7fffffff)) | 0);
  console.log(`property and fuzz seed: ${process.env.FC_SEED ?? 'default (20261203)'}${process.env.FC_RUNS ? `, runs ${process.env.FC_RUNS}` : ''}`);
  if (process.env.DATABASE_URL) return async () => {};
  const cluster = await startThrowawayPostgres();
  process.env.DATABASE_URL = cluster.url;
  return () => cluster.stop();
}
