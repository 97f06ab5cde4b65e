import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import {
  createSession,
  csrfTokenFor,
  listMemberships,
  recordAudit,
  resolveSession,
  revokeSession,
  secondsUntil,
  type IssuedSession,
  type User,
} from '@terroir/core';
import type { AdminContext } from './admin-context';
import { ApiError } from '../http/api-error';

/** Puts the session token in the HttpOnly, SameSite=Strict admin cookie. */
export function setSessionCookie(c: Context, ctx: AdminContext, session: IssuedSession): void {
  setCookie(c, ctx.cookie.name, session.token, {
    httpOnly: true,
    secure: ctx.cookie.secure,
    sameSite: 'Strict',
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

/** The 429 of a refused sign-in attempt, with `Retry-After`. */
export function tooManyAttempts(retryAt: string): ApiError {
  return new ApiError(429, { code: 'too_many_attempts', headers: { 'Retry-After': String(secondsUntil(retryAt)) } });
}

/**
 * Starts a session for a user whose every factor was checked: a fresh token (a session id
 * planted before login is worth nothing), the cookie, an audit entry, and the signed-in
 * answer the admin app expects.
 */
export async function signIn(c: Context, ctx: AdminContext, user: User, via = 'password') {
  const ip = ctx.clientIp(c);
  const previous = getCookie(c, ctx.cookie.name);
  const previousSession = previous ? await resolveSession(ctx.db, previous) : null;
  if (previousSession) await revokeSession(ctx.db, previousSession.sessionId);
  const session = await createSession(ctx.db, user.id, { ip, userAgent: c.req.header('user-agent') });
  setSessionCookie(c, ctx, session);
  await recordAudit(ctx.db, {
    cooperativeId: null,
    actor: { kind: 'user', userId: user.id, email: user.email },
    action: 'session.create',
    entity: 'user',
    entityId: user.id,
    after: { via },
  });
  return { user, memberships: await listMemberships(ctx.db, user.id), csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt };
}
