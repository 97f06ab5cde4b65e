import { z, type OpenAPIHono } from '@hono/zod-openapi';
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
  remainingRecoveryCodes,
  settleLoginAttempt,
  verifyCredentials,
} from '@terroir/core';
import { authenticate, sameOriginRequest, type AdminEnv } from './admin-auth';
import { readJson } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { adminRoute, documentRoute, RecordSchema } from './admin-openapi';
import { loginSchema, passwordChangeSchema } from './admin-schemas';
import { setSessionCookie, signIn, tooManyAttempts } from './sign-in';

const tag = 'Session';
const TwoFactorChallengeBody = z.object({ twoFactorRequired: z.literal(true), challenge: z.string(), expiresAt: z.string() });
export const SessionBody = z.object({ user: RecordSchema, memberships: z.array(z.looseObject({})), csrfToken: z.string(), expiresAt: z.string() });

/** The session routes as the OpenAPI document shows them (login checks its Origin before reading the body). */
const routes = [
  adminRoute({
    method: 'post',
    path: '/admin/api/session',
    operationId: 'login',
    tag,
    summary: 'Log in: sets the session cookie, answers the CSRF token',
    description:
      'Throttled per email and IP, counted before the password is checked (429 with Retry-After). Must come from the admin origin. With two-factor on, answers `{ twoFactorRequired: true, challenge, expiresAt }` and no cookie: finish with `POST /admin/api/session/two-factor`.',
    access: 'public',
    body: loginSchema,
    ok: {
      status: 200,
      schema: z.union([SessionBody, TwoFactorChallengeBody]),
      description: 'Logged in (`Set-Cookie` carries the session), or a two-factor challenge.',
    },
    errors: [401, 403, 429],
  }),
  adminRoute({
    method: 'delete',
    path: '/admin/api/session',
    operationId: 'logout',
    tag,
    summary: 'Log out (revokes this session)',
    access: 'session',
    ok: { status: 204, description: 'Logged out.' },
  }),
  adminRoute({
    method: 'post',
    path: '/admin/api/password',
    operationId: 'changePassword',
    tag,
    summary: 'Change the password (every other session is revoked)',
    access: 'session',
    body: passwordChangeSchema,
    ok: { status: 200, schema: z.object({ csrfToken: z.string(), expiresAt: z.string() }), description: 'Changed; a fresh session cookie and CSRF token.' },
    errors: [422, 429],
  }),
  adminRoute({
    method: 'get',
    path: '/admin/api/me',
    operationId: 'me',
    tag,
    summary: 'Who is calling: the person and their memberships, or the API token',
    access: { roles: [] },
    ok: { status: 200, schema: z.looseObject({}), description: 'The caller.' },
  }),
];

/**
 * Login, logout, password change and "who am I". Login is the one write without a session,
 * so it checks the Origin itself (against login CSRF) and is throttled per email and IP:
 * the attempt is counted before the password is checked, so parallel guesses cannot slip
 * past the limit. An account with two-factor on gets a challenge instead of a session.
 */
export function registerSessionRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  app.post('/admin/api/session', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new ApiError(403, { code: 'csrf_failed', message: errorMessage('login_origin') });
    const { email, password } = await readJson(c, loginSchema);
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt);
    const user = await verifyCredentials(ctx.db, email, password);
    if (!user) throw new ApiError(401, { code: 'invalid_credentials' });
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
    const claim = await claimLoginAttempt(ctx.db, auth.user.email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt);
    if (!(await verifyCredentials(ctx.db, auth.user.email, currentPassword))) {
      throw new ApiError(422, { code: 'invalid_credentials', message: errorMessage('wrong_current_password'), field: 'currentPassword' });
    }
    await settleLoginAttempt(ctx.db, auth.user.email, ip);
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
    const [memberships, twoFactorOn, recoveryCodesLeft] = await Promise.all([
      listMemberships(ctx.db, auth.user.id),
      hasTwoFactor(ctx.db, auth.user.id),
      remainingRecoveryCodes(ctx.db, auth.user.id),
    ]);
    return c.json({
      user: auth.user,
      memberships,
      // What "My account" shows, and what an app checks before an owner-only action when the
      // cooperative requires two-factor.
      twoFactor: { enabled: twoFactorOn, recoveryCodesLeft: twoFactorOn ? recoveryCodesLeft : 0 },
      csrfToken: csrfTokenFor(auth.sessionToken),
    });
  });
}
