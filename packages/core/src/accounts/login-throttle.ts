import { sql, type Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { normalizeEmail } from './accounts';

/** When a key is locked: `maxFailures` failures within `windowMs` lock it for `lockMs`. */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Per email: 5 failures in 15 minutes lock the account's login for 15 minutes.
 * Per IP: 50 failures (many emails from one address; a village office may share one IP).
 */
export const DEFAULT_THROTTLE = {
  email: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  ip: { maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} satisfies Record<'email' | 'ip', ThrottlePolicy>;

export type ThrottleConfig = typeof DEFAULT_THROTTLE;

function keysFor(email: string, ip: string | undefined): Array<{ key: string; policy: 'email' | 'ip' }> {
  const keys: Array<{ key: string; policy: 'email' | 'ip' }> = [{ key: `email:${normalizeEmail(email).slice(0, 254)}`, policy: 'email' }];
  if (ip) keys.push({ key: `ip:${ip.slice(0, 64)}`, policy: 'ip' });
  return keys;
}

/**
 * Whether a login for this email from this IP is locked out now; when locked, until when.
 *
 * @example
 * const { lockedUntil } = await loginLockout(db, email, ip);
 * if (lockedUntil) return c.json({ error: … }, 429);
 */
export async function loginLockout(db: Kysely<TerroirTables>, email: string, ip: string | undefined, at: Date = new Date()): Promise<{ lockedUntil: string | null }> {
  const keys = keysFor(email, ip).map((k) => k.key);
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', at.toISOString())
    .executeTakeFirst();
  return { lockedUntil: (row?.until as string | null | undefined) ?? null };
}

/**
 * Counts a failed login against the email and the IP; locks a key once it reaches its
 * policy's limit. The count is one atomic upsert, so parallel guesses cannot slip under it.
 *
 * @example
 * if (!user) await recordLoginFailure(db, email, ip);
 */
export async function recordLoginFailure(
  db: Kysely<TerroirTables>,
  email: string,
  ip: string | undefined,
  config: ThrottleConfig = DEFAULT_THROTTLE,
  at: Date = new Date(),
): Promise<void> {
  const nowIso = at.toISOString();
  for (const { key, policy } of keysFor(email, ip)) {
    const { maxFailures, windowMs, lockMs } = config[policy];
    const windowStart = new Date(at.getTime() - windowMs).toISOString();
    const lockedUntil = new Date(at.getTime() + lockMs).toISOString();
    await db
      .insertInto('login_attempts')
      .values({ key, failures: 1, window_started_at: nowIso, locked_until: maxFailures <= 1 ? lockedUntil : null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when login_attempts.window_started_at < ${windowStart} then 1 else login_attempts.failures + 1 end`,
          window_started_at: sql<string>`case when login_attempts.window_started_at < ${windowStart} then ${nowIso} else login_attempts.window_started_at end`,
        }),
      )
      .execute();
    await db.updateTable('login_attempts').set({ locked_until: lockedUntil }).where('key', '=', key).where('failures', '>=', maxFailures).execute();
  }
  // Forget stale counters, so guesses at random emails cannot grow the table without bound.
  const oldest = new Date(at.getTime() - Math.max(config.email.windowMs, config.ip.windowMs)).toISOString();
  await db
    .deleteFrom('login_attempts')
    .where('window_started_at', '<', oldest)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .execute();
}

/** Clears the email's failure count after a successful login (the IP's count stays). */
export async function clearLoginFailures(db: Kysely<TerroirTables>, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', `email:${normalizeEmail(email).slice(0, 254)}`).execute();
}
