import type { Kysely, Transaction } from 'kysely';
import { newId } from '../catalog/ids';
import type { TerroirTables } from '../db/schema';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword, type ScryptParams } from './password';
import type { Role } from './roles';
import { hashSecretToken, newSecretToken } from './secret-tokens';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

/** A user as the rest of the code sees it: never with the password hash. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  createdAt: string;
}

export interface Membership {
  cooperativeId: string;
  cooperativeSlug: string;
  role: Role;
}

/** Thrown for account rules a caller should turn into a 4xx (duplicate email, weak password…). */
export class AccountError extends Error {
  constructor(
    readonly code: 'email_taken' | 'weak_password' | 'invalid_email' | 'last_owner' | 'not_found',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/**
 * The form an email is unique in: trimmed and lower-cased (the local part too; no mail
 * provider a cooperative uses treats case as significant, and two accounts differing only by
 * case would be a trap).
 *
 * @example
 * normalizeEmail('  Li.Wei@Example.CN ') // 'li.wei@example.cn'
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]{1,255}\.[^\s@<>()[\]\\,;:".]{2,63}$/u;

/** True for a plausible email address of at most 254 characters. */
export function isValidEmail(email: string): boolean {
  const normalized = normalizeEmail(email);
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}

function toUser(row: { id: string; email: string; display_name: string; created_at: string }): User {
  return { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at };
}

export interface NewUser {
  email: string;
  password: string;
  displayName?: string;
  /** Lower costs are for tests only. */
  scryptParams?: ScryptParams;
}

/**
 * Creates a user with a hashed password. Emails are unique case-insensitively.
 *
 * @example
 * const user = await createUser(db, { email: 'secretary@laiyang.example', password: 'pear-blossom-2026' });
 */
export async function createUser(db: Db, input: NewUser): Promise<User> {
  if (!isValidEmail(input.email)) throw new AccountError('invalid_email', 'Not a valid email address.', 'email');
  const problem = passwordProblem(input.password);
  if (problem)
    throw new AccountError('weak_password', problem === 'too_short' ? 'Password must have at least 10 characters.' : 'Password is too long.', 'password');
  const emailNormalized = normalizeEmail(input.email);
  const existing = await db.selectFrom('users').select('id').where('email_normalized', '=', emailNormalized).executeTakeFirst();
  if (existing) throw new AccountError('email_taken', 'An account with this email exists.', 'email');
  const at = now();
  const row = {
    id: newId('usr'),
    email: input.email.trim(),
    email_normalized: emailNormalized,
    display_name: input.displayName ?? '',
    password_hash: await hashPassword(input.password, input.scryptParams ?? DEFAULT_SCRYPT_PARAMS),
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

/** Finds a user by email (any case). */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Finds a user by id. */
export async function getUser(db: Db, userId: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/**
 * Checks an email and password. Unknown emails cost the same time as known ones, and the
 * result does not say which part was wrong.
 *
 * @example
 * const user = await verifyCredentials(db, email, password); // User | null
 */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
  if (!row) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
}

/**
 * Sets a new password and revokes every session of the user (a stolen session must not
 * outlive the password change). The caller issues a fresh session for the current device.
 *
 * @example
 * await changePassword(db, user.id, 'a-new-long-password');
 */
export async function changePassword(db: Kysely<TerroirTables>, userId: string, newPassword: string, scryptParams?: ScryptParams): Promise<void> {
  const problem = passwordProblem(newPassword);
  if (problem)
    throw new AccountError('weak_password', problem === 'too_short' ? 'Password must have at least 10 characters.' : 'Password is too long.', 'newPassword');
  const hash = await hashPassword(newPassword, scryptParams ?? DEFAULT_SCRYPT_PARAMS);
  const at = now();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: at, updated_at: at }).where('id', '=', userId).execute();
    await trx.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  });
}

// ---------------------------------------------------------------------------------------
// Memberships

/**
 * Gives a user a role in a cooperative (or changes it).
 *
 * @example
 * await setMembership(db, user.id, coop.id, 'owner');
 */
export async function setMembership(db: Db, userId: string, cooperativeId: string, role: Role): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ user_id: userId, cooperative_id: cooperativeId, role, created_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'cooperative_id']).doUpdateSet({ role }))
    .execute();
}

/** Every cooperative a user belongs to, with the role held there. */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('cooperatives', 'cooperatives.id', 'memberships.cooperative_id')
    .select(['memberships.cooperative_id', 'cooperatives.slug', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('cooperatives.slug')
    .execute();
  return rows.map((r) => ({ cooperativeId: r.cooperative_id, cooperativeSlug: r.slug, role: r.role as Role }));
}

/** The role a user holds in a cooperative, or undefined when not a member. */
export async function roleIn(db: Db, userId: string, cooperativeId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('memberships').select('role').where('user_id', '=', userId).where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  return row?.role as Role | undefined;
}

/** Members of a cooperative with their roles. */
export async function listMembers(db: Db, cooperativeId: string): Promise<Array<User & { role: Role }>> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.created_at', 'memberships.role'])
    .where('memberships.cooperative_id', '=', cooperativeId)
    .orderBy('users.email_normalized')
    .execute();
  return rows.map((r) => ({ ...toUser(r), role: r.role as Role }));
}

/**
 * Removes a user from a cooperative, or changes their role, refusing to leave the
 * cooperative without an owner. Runs in one transaction.
 *
 * @example
 * await updateMembership(db, coop.id, userId, null); // remove
 */
export async function updateMembership(db: Kysely<TerroirTables>, cooperativeId: string, userId: string, role: Role | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships')
      .select('role')
      .where('cooperative_id', '=', cooperativeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!current) throw new AccountError('not_found', 'Not a member of this cooperative.');
    if (current.role === 'owner' && role !== 'owner') {
      const owners = await trx
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('cooperative_id', '=', cooperativeId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      if (Number(owners.n) <= 1) throw new AccountError('last_owner', 'A cooperative needs at least one owner.', 'role');
    }
    if (role === null) {
      await trx.deleteFrom('memberships').where('cooperative_id', '=', cooperativeId).where('user_id', '=', userId).execute();
    } else {
      await trx.updateTable('memberships').set({ role }).where('cooperative_id', '=', cooperativeId).where('user_id', '=', userId).execute();
    }
  });
}

// ---------------------------------------------------------------------------------------
// Sessions

/** How long a session lasts before the user must log in again. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface IssuedSession {
  id: string;
  /** The cookie value. Only its hash is stored; show it to the client once. */
  token: string;
  expiresAt: string;
}

/**
 * Starts a session for a user and returns the secret token to put in the cookie.
 *
 * @example
 * const { token } = await createSession(db, user.id, { ip: '203.0.113.5' });
 */
export async function createSession(db: Db, userId: string, meta: { ip?: string; userAgent?: string; lifetimeMs?: number } = {}): Promise<IssuedSession> {
  const token = newSecretToken('trs');
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + (meta.lifetimeMs ?? SESSION_LIFETIME_MS)).toISOString();
  const id = newId('ses');
  await db
    .insertInto('sessions')
    .values({
      id,
      token_hash: hashSecretToken(token),
      user_id: userId,
      created_at: createdAt.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 256) ?? null,
    })
    .execute();
  return { id, token, expiresAt };
}

/**
 * The live session behind a cookie token: unknown, expired and revoked tokens give null.
 *
 * @example
 * const session = await resolveSession(db, cookieToken);
 */
export async function resolveSession(db: Db, token: string): Promise<{ sessionId: string; user: User; expiresAt: string } | null> {
  if (!/^trs_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.expires_at', 'users.id', 'users.email', 'users.display_name', 'users.created_at'])
    .where('sessions.token_hash', '=', hashSecretToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now())
    .executeTakeFirst();
  return row ? { sessionId: row.session_id, user: toUser(row), expiresAt: row.expires_at } : null;
}

/** Ends one session (logout). */
export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

// ---------------------------------------------------------------------------------------
// API tokens

export interface ApiToken {
  id: string;
  cooperativeId: string;
  role: Role;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toApiToken(row: TerroirTables['api_tokens']): ApiToken {
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    role: row.role as Role,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Creates an API token for scripts, scoped to one cooperative and one role. The secret is
 * returned once and stored only as a hash.
 *
 * @example
 * const { token, secret } = await createApiToken(db, { cooperativeId, role: 'editor', name: 'price sync', createdBy: user.id });
 */
export async function createApiToken(
  db: Db,
  input: { cooperativeId: string; role: Role; name: string; createdBy?: string },
): Promise<{ token: ApiToken; secret: string }> {
  const secret = newSecretToken('trt');
  const row = {
    id: newId('tok'),
    token_hash: hashSecretToken(secret),
    cooperative_id: input.cooperativeId,
    role: input.role,
    name: input.name,
    created_by: input.createdBy ?? null,
    created_at: now(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: toApiToken(row), secret };
}

/**
 * The live token behind a bearer secret, or null; records when it was last used.
 *
 * @example
 * const token = await resolveApiToken(db, bearer);
 */
export async function resolveApiToken(db: Db, secret: string): Promise<ApiToken | null> {
  if (!/^trt_[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecretToken(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const at = now();
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
  return toApiToken({ ...row, last_used_at: at });
}

/** Tokens of a cooperative, newest first (never their secrets). */
export async function listApiTokens(db: Db, cooperativeId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('cooperative_id', '=', cooperativeId).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toApiToken);
}

/** Revokes a token of a cooperative; false when no such live token exists there. */
export async function revokeApiToken(db: Db, cooperativeId: string, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now() })
    .where('id', '=', tokenId)
    .where('cooperative_id', '=', cooperativeId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
