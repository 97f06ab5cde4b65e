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
export async function loginLockout(
  db: Kysely<TerroirTables>,
  email: string,
  ip: string | undefined,
  at: Date = new Date(),
): Promise<{ lockedUntil: string | null }> {
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
  await db
    .deleteFrom('login_attempts')
    .where('key', '=', `email:${normalizeEmail(email).slice(0, 254)}`)
    .execute();
}

/** The answer of {@link claimLoginAttempt}: go ahead and verify, or refuse until `retryAt`. */
export type LoginAttemptClaim = { allowed: true } | { allowed: false; retryAt: string };

/** Keys of one login attempt: the email (or another subject, e.g. `2fa:<userId>`) and the IP. */
function claimKeys(subject: string, ip: string | undefined): Array<{ key: string; policy: 'email' | 'ip' }> {
  return subject.startsWith('2fa:')
    ? [{ key: subject.slice(0, 254), policy: 'email' as const }, ...(ip ? [{ key: `ip:${ip.slice(0, 64)}`, policy: 'ip' as const }] : [])]
    : keysFor(subject, ip);
}

/**
 * Counts one sign-in attempt against the email (or a two-factor subject `2fa:<userId>`) and
 * the IP BEFORE the secret is checked, and says whether it may be checked at all. Each key's
 * count is one atomic upsert that returns the new count, so 200 parallel guesses (from one
 * process or ten, on SQLite or PostgreSQL) get exactly `maxFailures` verifications between
 * them and the rest are refused — the right password among them too once the limit is
 * passed. Call {@link settleLoginAttempt} after a success to give the attempt back.
 *
 * @example
 * const claim = await claimLoginAttempt(db, email, ip);
 * if (!claim.allowed) return tooManyAttempts(claim.retryAt);
 * const user = await verifyCredentials(db, email, password);
 * if (user) await settleLoginAttempt(db, email, ip);
 */
export async function claimLoginAttempt(
  db: Kysely<TerroirTables>,
  subject: string,
  ip: string | undefined,
  config: ThrottleConfig = DEFAULT_THROTTLE,
  at: Date = new Date(),
): Promise<LoginAttemptClaim> {
  const nowIso = at.toISOString();
  let retryAt: string | null = null;
  for (const { key, policy } of claimKeys(subject, ip)) {
    const { maxFailures, windowMs, lockMs } = config[policy];
    const windowStart = new Date(at.getTime() - windowMs).toISOString();
    const lockUntil = new Date(at.getTime() + lockMs).toISOString();
    const fresh = sql<boolean>`login_attempts.window_started_at < ${windowStart}`;
    // One statement counts and reads back: the count we decide on includes every attempt
    // committed before ours, whichever process made it.
    const row = await db
      .insertInto('login_attempts')
      .values({ key, failures: 1, window_started_at: nowIso, locked_until: null })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when ${fresh} and (login_attempts.locked_until is null or login_attempts.locked_until <= ${nowIso}) then 1 else login_attempts.failures + 1 end`,
          window_started_at: sql<string>`case when ${fresh} and (login_attempts.locked_until is null or login_attempts.locked_until <= ${nowIso}) then ${nowIso} else login_attempts.window_started_at end`,
          locked_until: sql<
            string | null
          >`case when login_attempts.locked_until > ${nowIso} then login_attempts.locked_until when login_attempts.failures + 1 > ${maxFailures} and not (${fresh}) then ${lockUntil} else null end`,
        }),
      )
      .returning(['failures', 'locked_until'])
      .executeTakeFirstOrThrow();
    const lockedUntil = row.locked_until && row.locked_until > nowIso ? row.locked_until : Number(row.failures) > maxFailures ? lockUntil : null;
    if (lockedUntil && (!retryAt || lockedUntil > retryAt)) retryAt = lockedUntil;
  }
  // Forget stale counters, so guesses at random emails cannot grow the table without bound.
  const oldest = new Date(at.getTime() - Math.max(config.email.windowMs, config.ip.windowMs)).toISOString();
  await db
    .deleteFrom('login_attempts')
    .where('window_started_at', '<', oldest)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
    .execute();
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

/**
 * After a successful sign-in: forgets the subject's count and gives the IP its attempt back
 * (a village office sharing one address must not lock itself out by logging in).
 *
 * @example
 * if (user) await settleLoginAttempt(db, email, ip);
 */
export async function settleLoginAttempt(db: Kysely<TerroirTables>, subject: string, ip: string | undefined): Promise<void> {
  const [own, address] = claimKeys(subject, ip);
  await db.deleteFrom('login_attempts').where('key', '=', own!.key).execute();
  if (address) {
    await db
      .updateTable('login_attempts')
      .set({ failures: sql<number>`failures - 1` })
      .where('key', '=', address.key)
      .where('failures', '>', 0)
      .where('locked_until', 'is', null)
      .execute();
  }
}

/** Seconds until `retryAt`, at least 1: the `Retry-After` of a refused attempt. */
export function secondsUntil(retryAt: string, now: Date = new Date()): number {
  return Math.max(1, Math.ceil((Date.parse(retryAt) - now.getTime()) / 1000));
}
