import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  AccountError,
  changePassword,
  clearLoginFailures,
  createSession,
  csrfTokenFor,
  listMemberships,
  loginLockout,
  recordAudit,
  recordLoginFailure,
  resolveSession,
  revokeSession,
  verifyCredentials,
  type IssuedSession,
} from '@terroir/core';
import { authenticate, sameOriginRequest, type AdminEnv } from './admin-auth';
import { readJson } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError } from './admin-errors';
import { loginSchema, passwordChangeSchema } from './admin-schemas';

function setSessionCookie(c: Context, ctx: AdminContext, session: IssuedSession) {
  setCookie(c, ctx.cookie.name, session.token, {
    httpOnly: true,
    secure: ctx.cookie.secure,
    sameSite: 'Strict',
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

/**
 * Login, logout, password change and "who am I". Login is the one write without a session,
 * so it checks the Origin itself (against login CSRF) and is throttled per email and IP.
 */
export function registerSessionRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.post('/admin/api/session', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new AdminError(403, 'csrf_failed', 'Log in from the admin page itself.');
    const { email, password } = await readJson(c, loginSchema);
    const ip = ctx.clientIp(c);
    const { lockedUntil } = await loginLockout(ctx.db, email, ip);
    if (lockedUntil) {
      const seconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 1000));
      throw new AdminError(429, 'too_many_attempts', 'Too many failed logins. Try again later.', undefined, undefined, { 'Retry-After': String(seconds) });
    }
    const user = await verifyCredentials(ctx.db, email, password);
    if (!user) {
      await recordLoginFailure(ctx.db, email, ip, ctx.throttle);
      throw new AdminError(401, 'invalid_credentials', 'Wrong email or password.');
    }
    await clearLoginFailures(ctx.db, email);
    // A fresh token on every login: a session id planted before login is worth nothing.
    const previous = getCookie(c, ctx.cookie.name);
    const previousSession = previous ? await resolveSession(ctx.db, previous) : null;
    if (previousSession) await revokeSession(ctx.db, previousSession.sessionId);
    const session = await createSession(ctx.db, user.id, { ip, userAgent: c.req.header('user-agent') });
    setSessionCookie(c, ctx, session);
    await recordAudit(ctx.db, { cooperativeId: null, actor: { kind: 'user', userId: user.id, email: user.email }, action: 'session.create', entity: 'user', entityId: user.id });
    return c.json({ user, memberships: await listMemberships(ctx.db, user.id), csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt });
  });

  app.use('/admin/api/session', authenticate(ctx));
  app.use('/admin/api/password', authenticate(ctx));
  app.use('/admin/api/me', authenticate(ctx));

  app.delete('/admin/api/session', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new AdminError(403, 'session_required', 'Only a browser session can log out.');
    await revokeSession(ctx.db, auth.sessionId);
    deleteCookie(c, ctx.cookie.name, { path: '/', secure: ctx.cookie.secure, httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  app.post('/admin/api/password', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new AdminError(403, 'session_required', 'Log in as a person to change a password.');
    const { currentPassword, newPassword } = await readJson(c, passwordChangeSchema);
    // The current password is guessable through a stolen session too: same throttle as login.
    const ip = ctx.clientIp(c);
    if ((await loginLockout(ctx.db, auth.user.email, ip)).lockedUntil) throw new AdminError(429, 'too_many_attempts', 'Too many failed attempts. Try again later.');
    if (!(await verifyCredentials(ctx.db, auth.user.email, currentPassword))) {
      await recordLoginFailure(ctx.db, auth.user.email, ip, ctx.throttle);
      throw new AdminError(422, 'invalid_credentials', 'The current password is wrong.', 'currentPassword');
    }
    try {
      await changePassword(ctx.db, auth.user.id, newPassword, ctx.scryptParams);
    } catch (error) {
      if (error instanceof AccountError) throw new AdminError(422, error.code, error.message, 'newPassword');
      throw error;
    }
    // Every session (this one too) was revoked; keep this device logged in with a new one.
    const session = await createSession(ctx.db, auth.user.id, { ip: ctx.clientIp(c), userAgent: c.req.header('user-agent') });
    setSessionCookie(c, ctx, session);
    await recordAudit(ctx.db, { cooperativeId: null, actor: c.get('actor'), action: 'password.change', entity: 'user', entityId: auth.user.id });
    return c.json({ csrfToken: csrfTokenFor(session.token), expiresAt: session.expiresAt });
  });

  app.get('/admin/api/me', async (c) => {
    const auth = c.get('auth');
    if (auth.kind === 'token') {
      const { token } = auth;
      return c.json({ token: { id: token.id, name: token.name, cooperativeId: token.cooperativeId, role: token.role } });
    }
    return c.json({ user: auth.user, memberships: await listMemberships(ctx.db, auth.user.id), csrfToken: csrfTokenFor(auth.sessionToken) });
  });
}
