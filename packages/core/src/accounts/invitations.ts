import type { Kysely } from 'kysely';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { newId } from '../catalog/ids';
import { parseJsonColumn } from '../db/json-column';
import type { TerroirTables } from '../db/schema';
import type { LocalizedText } from '../locale/locale';
import type { InvitationsTable } from './security-tables';
import { AccountError, createUser, findUserByEmail, getUser, isValidEmail, normalizeEmail, roleIn, setMembership, type User } from './accounts';
import type { ScryptParams } from './password';
import type { Role } from './roles';
import { hashSecretToken, newSecretToken } from './secret-tokens';

/** How long an invitation code stays good unless the owner says otherwise. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60_000;

/** An invitation as the owner sees it: nothing about any account behind the email. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: 'pending' | 'accepted' | 'revoked';
  createdAt: string;
  expiresAt: string;
}

function toInvitation(row: InvitationsTable): Invitation {
  return { id: row.id, email: row.email, role: row.role as Role, status: row.status, createdAt: row.created_at, expiresAt: row.expires_at };
}

/**
 * Invites an email address into a cooperative with a role. Does not look at the users
 * table at all, so the answer (and its timing) is the same whether or not an account with
 * that email exists. Returns the single-use code once; only its SHA-256 is stored.
 *
 * @example
 * const { invitation, code } = await createInvitation(db, { cooperativeId: coop.id, email: 'li@example.cn', role: 'editor', invitedBy: owner.id });
 * // send `/admin/#/accept/${code}` to the invitee
 */
export async function createInvitation(
  db: Kysely<TerroirTables>,
  input: { cooperativeId: string; email: string; role: Role; invitedBy?: string | null; lifetimeMs?: number; now?: Date },
): Promise<{ invitation: Invitation; code: string }> {
  if (!isValidEmail(input.email)) throw new AccountError('invalid_email', 'Not a valid email address.', 'email');
  const at = input.now ?? new Date();
  const code = newSecretToken('tri');
  const row: InvitationsTable = {
    id: newId('inv'),
    cooperative_id: input.cooperativeId,
    email: input.email.trim(),
    email_normalized: normalizeEmail(input.email),
    role: input.role,
    code_hash: hashSecretToken(code),
    status: 'pending',
    invited_by: input.invitedBy ?? null,
    created_at: at.toISOString(),
    expires_at: new Date(at.getTime() + (input.lifetimeMs ?? INVITATION_LIFETIME_MS)).toISOString(),
    accepted_by: null,
    finished_at: null,
  };
  await db.insertInto('invitations').values(row).execute();
  return { invitation: toInvitation(row), code };
}

/** The cooperative's pending, unexpired invitations, newest first. */
export async function listPendingInvitations(db: Kysely<TerroirTables>, cooperativeId: string, at: Date = new Date()): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', at.toISOString())
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toInvitation);
}

/**
 * Revokes a pending invitation of the cooperative; its code stops working at once. Returns
 * the revoked invitation, or null when there is no pending one with that id there.
 *
 * @example
 * if (!(await revokeInvitation(db, coop.id, id))) return notFound();
 */
export async function revokeInvitation(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  invitationId: string,
  at: Date = new Date(),
): Promise<Invitation | null> {
  const result = await db
    .updateTable('invitations')
    .set({ status: 'revoked', finished_at: at.toISOString() })
    .where('id', '=', invitationId)
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow();
  return toInvitation(row);
}

/** The cooperative an accepted invitation joined, as the invitee may now see it. */
export interface InvitingCooperative {
  id: string;
  slug: string;
  name: LocalizedText;
}

/** Who accepts: a signed-in user, or a new account for the invited email. */
export type InvitationAcceptor = { userId: string } | { newAccount: { password: string; displayName?: string; scryptParams?: ScryptParams } };

export type AcceptInvitationResult =
  | { kind: 'accepted'; invitation: Invitation; cooperative: InvitingCooperative; role: Role; user: User; createdAccount: boolean }
  /** Unknown, expired, used or revoked: one answer for all, so the code is no oracle. */
  | { kind: 'invalid' }
  /** The signed-in user's email is not the invited one. */
  | { kind: 'email_mismatch' }
  /** No session, but the invited email has an account: sign in first. */
  | { kind: 'sign_in_to_accept' };

async function livePending(db: Kysely<TerroirTables>, code: string, at: Date): Promise<InvitationsTable | undefined> {
  if (!/^tri_[A-Za-z0-9_-]{43}$/.test(code)) return undefined;
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('code_hash', '=', hashSecretToken(code))
    .where('status', '=', 'pending')
    .where('expires_at', '>', at.toISOString())
    .executeTakeFirst();
}

/**
 * Accepts an invitation: spends the code with one conditional update (so it works once,
 * even when sent twice at the same moment) and adds the membership, in one transaction. A
 * person already in the cooperative keeps their current role. Account rules (a weak
 * password) throw {@link AccountError} and spend nothing.
 *
 * @example
 * const result = await acceptInvitation(db, code, { userId: session.user.id });
 * if (result.kind === 'invalid') … // 410
 */
export async function acceptInvitation(
  db: Kysely<TerroirTables>,
  code: string,
  acceptor: InvitationAcceptor,
  at: Date = new Date(),
): Promise<AcceptInvitationResult> {
  const pending = await livePending(db, code, at);
  if (!pending) return { kind: 'invalid' };
  if ('userId' in acceptor) {
    const user = await getUser(db, acceptor.userId);
    if (!user || normalizeEmail(user.email) !== pending.email_normalized) return { kind: 'email_mismatch' };
  } else if (await findUserByEmail(db, pending.email)) {
    return { kind: 'sign_in_to_accept' };
  }
  return db
    .transaction()
    .execute(async (trx): Promise<AcceptInvitationResult> => {
      let user: User;
      let createdAccount = false;
      if ('userId' in acceptor) {
        user = (await getUser(trx, acceptor.userId))!;
      } else {
        try {
          user = await createUser(trx, {
            email: pending.email,
            password: acceptor.newAccount.password,
            displayName: acceptor.newAccount.displayName,
            scryptParams: acceptor.newAccount.scryptParams,
          });
        } catch (error) {
          if (error instanceof AccountError && error.code === 'email_taken') return { kind: 'sign_in_to_accept' };
          throw error;
        }
        createdAccount = true;
      }
      const spent = await trx
        .updateTable('invitations')
        .set({ status: 'accepted', accepted_by: user.id, finished_at: at.toISOString() })
        .where('id', '=', pending.id)
        .where('status', '=', 'pending')
        .where('expires_at', '>', at.toISOString())
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw new InvitationSpent();
      const current = await roleIn(trx, user.id, pending.cooperative_id);
      if (!current) await setMembership(trx, user.id, pending.cooperative_id, pending.role as Role);
      const coop = await trx.selectFrom('cooperatives').select(['id', 'slug', 'name']).where('id', '=', pending.cooperative_id).executeTakeFirstOrThrow();
      const cooperative = {
        id: coop.id,
        slug: coop.slug,
        name: parseJsonColumn(localizedTextSchema, coop.name, { table: 'cooperatives', id: coop.id, column: 'name' }),
      };
      return {
        kind: 'accepted',
        invitation: toInvitation({ ...pending, status: 'accepted' }),
        cooperative,
        role: current ?? (pending.role as Role),
        user,
        createdAccount,
      };
    })
    .catch((error: unknown) => {
      // Spent by a parallel accept between our read and our update: the transaction rolled back.
      if (error instanceof InvitationSpent) return { kind: 'invalid' } as const;
      throw error;
    });
}

class InvitationSpent extends Error {}
