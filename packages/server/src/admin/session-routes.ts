import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
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
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { adminRoute, documentRoute, RecordSchema } from './admin-openapi';
import { loginSchema, passwordChangeSchema } from './admin-schemas';

const tag = 'Session';
const SessionBody = z.object({ user: RecordSchema, memberships: z.array(z.looseObject({})), csrfToken: z.string(), expiresAt: z.string() });

/** The session routes as the OpenAPI document shows them (login checks its Origin before reading the body). */
const routes = [
  adminRoute({ method: 'post', path: '/admin/api/session', operationId: 'login', tag, summary: 'Log in: sets the session cookie, answers the CSRF token', description: 'Throttled per email and IP (429 with Retry-After). Must come from the admin origin.', access: 'public', body: loginSchema, ok: { status: 200, schema: SessionBody, description: 'Logged in; `Set-Cookie` carries the session.' }, errors: [401, 403, 429] }),
  adminRoute({ method: 'delete', path: '/admin/api/session', operationId: 'logout', tag, summary: 'Log out (revokes this session)', access: 'session', ok: { status: 204, description: 'Logged out.' } }),
  adminRoute({ method: 'post', path: '/admin/api/password', operationId: 'changePassword', tag, summary: 'Change the password (every other session is revoked)', access: 'session', body: passwordChangeSchema, ok: { status: 200, schema: z.object({ csrfToken: z.string(), expiresAt: z.string() }), description: 'Changed; a fresh session cookie and CSRF token.' }, errors: [422, 429] }),
  adminRoute({ method: 'get', path: '/admin/api/me', operationId: 'me', tag, summary: 'Who is calling: the person and their memberships, or the API token', access: { roles: [] }, ok: { status: 200, schema: z.looseObject({}), description: 'The caller.' } }),
];

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
export function registerSessionRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  app.post('/admin/api/session', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new ApiError(403, { code: 'csrf_failed', message: errorMessage('login_origin') });
    const { email, password } = await readJson(c, loginSchema);
    const ip = ctx.clientIp(c);
    const { lockedUntil } = await loginLockout(ctx.db, email, ip);
    if (lockedUntil) {
      const seconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 1000));
      throw new ApiError(429, { code: 'too_many_attempts', headers: { 'Retry-After': String(seconds) } });
    }
    const user = await verifyCredentials(ctx.db, email, password);
    if (!user) {
      await recordLoginFailure(ctx.db, email, ip, ctx.throttle);
      throw new ApiError(401, { code: 'invalid_credentials' });
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
    if (auth.kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    await revokeSession(ctx.db, auth.sessionId);
    deleteCookie(c, ctx.cookie.name, { path: '/', secure: ctx.cookie.secure, httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  app.post('/admin/api/password', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    const { currentPassword, newPassword } = await readJson(c, passwordChangeSchema);
    // The current password is guessable through a stolen session too: same throttle as login.
    const ip = ctx.clientIp(c);
    if ((await loginLockout(ctx.db, auth.user.email, ip)).lockedUntil) throw new ApiError(429, { code: 'too_many_attempts' });
    if (!(await verifyCredentials(ctx.db, auth.user.email, currentPassword))) {
      await recordLoginFailure(ctx.db, auth.user.email, ip, ctx.throttle);
      throw new ApiError(422, { code: 'invalid_credentials', message: errorMessage('wrong_current_password'), field: 'currentPassword' });
    }
    try {
      await changePassword(ctx.db, auth.user.id, newPassword, ctx.scryptParams);
    } catch (error) {
      if (error instanceof AccountError) throw new ApiError(422, { code: error.code, message: error.message, field: 'newPassword' });
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
