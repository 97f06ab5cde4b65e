import type { Parameters as FcParameters } from 'fast-check';

/*
 * One seed for every property and fuzz test, so a CI run is reproducible: the default is
 * fixed, `FC_SEED` overrides it (or `FC_SEED=random` picks one), `FC_RUNS` overrides every
 * property's run count for a longer local search. The seed is printed once per test file;
 * a failure's message (from fast-check) carries the seed, the path and the shrunk
 * counter-example, so `FC_SEED=<seed>` replays it.
 */

/** The seed used when `FC_SEED` is unset: fixed, so CI runs are repeatable. */
export const DEFAULT_PROPERTY_SEED = 20261203;

let announced = false;

/**
 * The seed of this test run (`FC_SEED`, `random`, or {@link DEFAULT_PROPERTY_SEED}).
 *
 * @example
 * const seed = propertySeed(); // 20261203 unless FC_SEED is set
 */
export function propertySeed(): number {
  const raw = process.env.FC_SEED?.trim();
  let seed = DEFAULT_PROPERTY_SEED;
  if (raw === 'random') {
    seed = (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
    process.env.FC_SEED = String(seed); // every file of the run then shares it
  } else if (raw) {
    const parsed = Number(raw);
    if (!Number.isInteger(parsed)) throw new Error(`FC_SEED must be an integer or "random", got ${raw}`);
    seed = parsed;
  }
  if (!announced) {
    announced = true;
    console.log(`[property] seed ${seed} (replay: FC_SEED=${seed}), runs ${process.env.FC_RUNS ?? 'default per property'}`);
  }
  return seed;
}

/**
 * fast-check parameters for one property: the run's seed and `numRuns` (the property's
 * CI default unless `FC_RUNS` is set), with shrunk counter-examples in failure messages.
 *
 * @example
 * await fc.assert(fc.asyncProperty(cartArb, async (cart) => { … }), propertyParameters(40));
 */
export function propertyParameters<T = unknown>(defaultRuns: number, extra: FcParameters<T> = {}): FcParameters<T> {
  const override = Number(process.env.FC_RUNS);
  const numRuns = Number.isInteger(override) && override > 0 ? override : defaultRuns;
  return { seed: propertySeed(), numRuns, endOnFailure: false, ...extra };
}

/**
 * The vitest timeout of a property test: a minute for the CI run counts, half an hour when
 * `FC_RUNS` asks for a longer search.
 *
 * @example
 * it('holds', async () => { await fc.assert(…, propertyParameters(40)); }, propertyTimeout());
 */
export function propertyTimeout(): number {
  return Number(process.env.FC_RUNS) > 0 ? 30 * 60_000 : 60_000;
}
