import type { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import {
  AccountError,
  changePassword,
  claimLoginAttempt,
  createSession,
  createTwoFactorChallenge,
  csrfTokenFor,
  hasTwoFactor,
  listMemberships,
  recordAudit,
  revokeSession,
  settleLoginAttempt,
  verifyCredentials,
} from '@terroir/core';
import { authenticate, sameOriginRequest, type AdminEnv } from './admin-auth';
import { readJson } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError } from './admin-errors';
import { loginSchema, passwordChangeSchema } from './admin-schemas';
import { setSessionCookie, signIn, tooManyAttempts } from './sign-in';

/**
 * Login, logout, password change and "who am I". Login is the one write without a session,
 * so it checks the Origin itself (against login CSRF) and is throttled per email and IP:
 * the attempt is counted before the password is checked, so parallel guesses cannot slip
 * past the limit. An account with two-factor on gets a challenge instead of a session.
 */
export function registerSessionRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.post('/admin/api/session', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new AdminError(403, 'csrf_failed', 'Log in from the admin page itself.');
    const { email, password } = await readJson(c, loginSchema);
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt);
    const user = await verifyCredentials(ctx.db, email, password);
    if (!user) throw new AdminError(401, 'invalid_credentials', 'Wrong email or password.');
    await settleLoginAttempt(ctx.db, email, ip);
    if (await hasTwoFactor(ctx.db, user.id)) {
      const { challenge, expiresAt } = await createTwoFactorChallenge(ctx.db, user.id, ip);
      return c.json({ twoFactorRequired: true, challenge, expiresAt });
    }
    return c.json(await signIn(c, ctx, user));
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
    const claim = await claimLoginAttempt(ctx.db, auth.user.email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt, 'Too many failed attempts. Try again later.');
    if (!(await verifyCredentials(ctx.db, auth.user.email, currentPassword))) {
      throw new AdminError(422, 'invalid_credentials', 'The current password is wrong.', 'currentPassword');
    }
    await settleLoginAttempt(ctx.db, auth.user.email, ip);
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
