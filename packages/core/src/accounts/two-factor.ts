import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { TerroirTables } from '../db/schema';
import { getUser, type User } from './accounts';
import { openSecret, sealSecret } from './secret-box';
import { hashSecretToken, newSecretToken } from './secret-tokens';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** How long a password-verified sign-in waits for its second factor. */
export const TWO_FACTOR_CHALLENGE_MS = 5 * 60_000;
/** How many recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;

const PERIOD = 30;

function totpFor(secret: string, email: string): TOTP {
  return new TOTP({ issuer: 'Terroir', label: email, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/**
 * Starts (or restarts) TOTP enrolment: a fresh 160-bit secret, kept as pending until
 * {@link confirmTwoFactor} sees a code from the authenticator app. An enabled second factor
 * stays in force meanwhile.
 *
 * @example
 * const { secret, otpauthUrl } = await beginTwoFactorEnrolment(db, user);
 * // show otpauthUrl as a QR code, secret for typing in
 */
export async function beginTwoFactorEnrolment(db: Db, user: User, at: Date = new Date()): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = new Secret({ size: 20 }).base32;
  const stored = sealSecret(secret);
  await db
    .insertInto('two_factor')
    .values({ user_id: user.id, secret: null, pending_secret: stored, enabled_at: null, last_step: 0, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_secret: stored, updated_at: at.toISOString() }))
    .execute();
  return { secret, otpauthUrl: totpFor(secret, user.email).toString() };
}

/** A recovery code: 10 characters from an unambiguous alphabet (50 bits), shown as `xxxxx-xxxxx`. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normalizeRecoveryCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

/**
 * The TOTP time step a 6-digit code is valid for (±1 step for clock drift), or null.
 * Pure: no replay check (see {@link consumeTotp}).
 */
function matchingStep(secret: string, email: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpFor(secret, email);
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}

/**
 * Accepts a TOTP code for the user's enabled secret at most once: the step is recorded with
 * a conditional update, so the same code sent twice (or in parallel) signs in once.
 */
async function consumeTotp(db: Db, userId: string, secret: string, email: string, code: string, at: Date): Promise<boolean> {
  const step = matchingStep(secret, email, code, at);
  if (step === null) return false;
  const result = await db
    .updateTable('two_factor')
    .set({ last_step: step, updated_at: at.toISOString() })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Confirms a pending enrolment with a code from the app; turns two-factor on and returns 10
 * new single-use recovery codes (stored hashed; the old ones stop working). Null when the
 * code is wrong or nothing is pending.
 *
 * @example
 * const codes = await confirmTwoFactor(db, user, '123456'); // string[10] | null
 */
export async function confirmTwoFactor(db: Kysely<TerroirTables>, user: User, code: string, at: Date = new Date()): Promise<string[] | null> {
  const row = await db.selectFrom('two_factor').selectAll().where('user_id', '=', user.id).executeTakeFirst();
  if (!row?.pending_secret) return null;
  const step = matchingStep(openSecret(row.pending_secret), user.email, code.trim(), at);
  if (step === null) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const iso = at.toISOString();
  const confirmed = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('two_factor')
      .set({ secret: row.pending_secret, pending_secret: null, enabled_at: iso, last_step: step, updated_at: iso })
      .where('user_id', '=', user.id)
      .where('pending_secret', '=', row.pending_secret)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('recovery_codes')
      .values(
        codes.map((c) => ({ code_hash: hashSecretToken(`recovery:${user.id}:${normalizeRecoveryCode(c)}`), user_id: user.id, used_at: null, created_at: iso })),
      )
      .execute();
    return true;
  });
  return confirmed ? codes : null;
}

/** True when the user signs in with a second factor. */
export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('two_factor').select('secret').where('user_id', '=', userId).executeTakeFirst();
  return Boolean(row?.secret);
}

/**
 * Turns two-factor off and deletes the secret and recovery codes (the caller has checked
 * the password).
 *
 * @example
 * await disableTwoFactor(db, user.id);
 */
export async function disableTwoFactor(db: Kysely<TerroirTables>, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('two_factor_challenges').where('user_id', '=', userId).execute();
    await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute();
  });
}

/**
 * After the password was right for a user with two-factor on: a challenge token, valid for
 * 5 minutes, that {@link completeTwoFactorSignIn} trades with a code for the user.
 *
 * @example
 * const { challenge } = await createTwoFactorChallenge(db, user.id, ip);
 */
export async function createTwoFactorChallenge(
  db: Db,
  userId: string,
  ip: string | undefined,
  at: Date = new Date(),
): Promise<{ challenge: string; expiresAt: string }> {
  const challenge = newSecretToken('trc');
  const expiresAt = new Date(at.getTime() + TWO_FACTOR_CHALLENGE_MS).toISOString();
  await db.deleteFrom('two_factor_challenges').where('expires_at', '<', at.toISOString()).execute();
  await db
    .insertInto('two_factor_challenges')
    .values({
      challenge_hash: hashSecretToken(challenge),
      user_id: userId,
      ip: ip?.slice(0, 64) ?? null,
      expires_at: expiresAt,
      used_at: null,
      created_at: at.toISOString(),
    })
    .execute();
  return { challenge, expiresAt };
}

/** Whose live challenge this is (for throttling by user before the code is checked), or null. */
export async function twoFactorChallengeUser(db: Db, challenge: string, at: Date = new Date()): Promise<string | null> {
  if (!/^trc_[A-Za-z0-9_-]{43}$/.test(challenge)) return null;
  const row = await db
    .selectFrom('two_factor_challenges')
    .select('user_id')
    .where('challenge_hash', '=', hashSecretToken(challenge))
    .where('used_at', 'is', null)
    .where('expires_at', '>', at.toISOString())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/**
 * Checks the second factor of a challenged sign-in: a 6-digit TOTP code (each accepted
 * once) or an unused recovery code (then spent). On success the challenge is spent too and
 * the user returned; null otherwise. Throttle before calling (see `claimLoginAttempt`).
 *
 * @example
 * const user = await completeTwoFactorSignIn(db, challenge, '123456');
 */
export async function completeTwoFactorSignIn(
  db: Kysely<TerroirTables>,
  challenge: string,
  code: string,
  at: Date = new Date(),
): Promise<{ user: User; usedRecoveryCode: boolean } | null> {
  const userId = await twoFactorChallengeUser(db, challenge, at);
  if (!userId) return null;
  const user = await getUser(db, userId);
  const row = await db.selectFrom('two_factor').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!user || !row?.secret) return null;
  const trimmed = code.trim();
  let usedRecoveryCode = false;
  let ok = await consumeTotp(db, userId, openSecret(row.secret), user.email, trimmed, at);
  if (!ok && trimmed.length <= 32) {
    const spent = await db
      .updateTable('recovery_codes')
      .set({ used_at: at.toISOString() })
      .where('code_hash', '=', hashSecretToken(`recovery:${userId}:${normalizeRecoveryCode(trimmed)}`))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    ok = usedRecoveryCode = Number(spent.numUpdatedRows) === 1;
  }
  if (!ok) return null;
  // Spend the challenge conditionally: two parallel right answers make one session.
  const used = await db
    .updateTable('two_factor_challenges')
    .set({ used_at: at.toISOString() })
    .where('challenge_hash', '=', hashSecretToken(challenge))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? { user, usedRecoveryCode } : null;
}

/** How many unused recovery codes a user has left. */
export async function remainingRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cooperative's security settings (defaults when never set). */
export async function getCooperativeSecurity(db: Db, cooperativeId: string): Promise<{ requireOwnerTwoFactor: boolean }> {
  const row = await db.selectFrom('cooperative_security').select('require_owner_two_factor').where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  return { requireOwnerTwoFactor: Number(row?.require_owner_two_factor ?? 0) === 1 };
}

/**
 * Sets whether owners of the cooperative must sign in with two-factor.
 *
 * @example
 * await setCooperativeSecurity(db, coop.id, { requireOwnerTwoFactor: true });
 */
export async function setCooperativeSecurity(
  db: Db,
  cooperativeId: string,
  settings: { requireOwnerTwoFactor: boolean },
  at: Date = new Date(),
): Promise<void> {
  const value = settings.requireOwnerTwoFactor ? 1 : 0;
  await db
    .insertInto('cooperative_security')
    .values({ cooperative_id: cooperativeId, require_owner_two_factor: value, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('cooperative_id').doUpdateSet({ require_owner_two_factor: value, updated_at: at.toISOString() }))
    .execute();
}

/** A TOTP code for a secret at a time: for tests and the CLI, never for checking. */
export function totpCodeAt(secret: string, at: Date = new Date()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD, digits: 6, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
}
