import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import {
  beginTwoFactorEnrolment,
  claimLoginAttempt,
  completeTwoFactorSignIn,
  confirmTwoFactor,
  disableTwoFactor,
  getCooperativeSecurity,
  hasTwoFactor,
  recordAudit,
  settleLoginAttempt,
  twoFactorChallengeUser,
  verifyCredentials,
} from '@terroir/core';
import { authenticate, requireSession, sameOriginRequest, type AdminEnv } from './admin-auth';
import { readJson } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { twoFactorConfirmSchema, twoFactorDisableSchema, twoFactorSignInSchema } from './security-schemas';
import { adminRoute, documentRoute } from './admin-openapi';
import { SessionBody } from './session-routes';
import { signIn, tooManyAttempts } from './sign-in';

const tag = 'Session';
/** The two-factor routes as the OpenAPI document shows them. */
const routes = [
  adminRoute({
    method: 'post',
    path: '/admin/api/session/two-factor',
    operationId: 'loginSecondFactor',
    tag,
    summary: 'Finish a two-factor login: the challenge and a TOTP or recovery code',
    description: 'Challenges last 5 minutes and work once; codes are throttled like passwords (429 with Retry-After). Must come from the admin origin.',
    access: 'public',
    body: twoFactorSignInSchema,
    ok: { status: 200, schema: SessionBody, description: 'Logged in; `Set-Cookie` carries the session.' },
    errors: [401, 403, 429],
  }),
  adminRoute({
    method: 'post',
    path: '/admin/api/me/two-factor',
    operationId: 'beginTwoFactor',
    tag,
    summary: 'Start TOTP enrolment: a new secret and its otpauth URL (QR code)',
    access: 'session',
    ok: { status: 200, schema: z.object({ secret: z.string(), otpauthUrl: z.string() }), description: 'Pending until confirmed.' },
  }),
  adminRoute({
    method: 'post',
    path: '/admin/api/me/two-factor/confirm',
    operationId: 'confirmTwoFactor',
    tag,
    summary: 'Confirm enrolment with a code: turns two-factor on, returns 10 recovery codes',
    access: 'session',
    body: twoFactorConfirmSchema,
    ok: { status: 200, schema: z.object({ recoveryCodes: z.array(z.string()) }), description: 'The recovery codes, shown once.' },
    errors: [422],
  }),
  adminRoute({
    method: 'delete',
    path: '/admin/api/me/two-factor',
    operationId: 'disableTwoFactor',
    tag,
    summary: 'Turn two-factor off (needs the password)',
    access: 'session',
    body: twoFactorDisableSchema,
    ok: { status: 204, description: 'Off.' },
    errors: [422, 429],
  }),
];

/**
 * TOTP two-factor sign-in: the second step of a login, and enrolment for the signed-in
 * person (`/admin/api/me/two-factor`). Codes are throttled per user and IP like passwords.
 */
export function registerTwoFactorRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  app.post('/admin/api/session/two-factor', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new ApiError(403, { code: 'csrf_failed', message: errorMessage('login_origin') });
    const { challenge, code } = await readJson(c, twoFactorSignInSchema);
    const userId = await twoFactorChallengeUser(ctx.db, challenge);
    if (!userId) throw new ApiError(401, { code: 'challenge_expired', field: 'challenge' });
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, `2fa:${userId}`, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt);
    const done = await completeTwoFactorSignIn(ctx.db, challenge, code);
    if (!done) throw new ApiError(401, { code: 'invalid_code', field: 'code' });
    await settleLoginAttempt(ctx.db, `2fa:${userId}`, ip);
    return c.json(await signIn(c, ctx, done.user, done.usedRecoveryCode ? 'recovery_code' : 'totp'));
  });

  app.use('/admin/api/me/two-factor', authenticate(ctx), requireSession());
  app.use('/admin/api/me/two-factor/*', authenticate(ctx), requireSession());

  app.post('/admin/api/me/two-factor', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    return c.json(await beginTwoFactorEnrolment(ctx.db, auth.user));
  });

  app.post('/admin/api/me/two-factor/confirm', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    const { code } = await readJson(c, twoFactorConfirmSchema);
    const recoveryCodes = await confirmTwoFactor(ctx.db, auth.user, code);
    if (!recoveryCodes) throw new ApiError(422, { code: 'invalid_code', message: errorMessage('enrol_code_mismatch'), field: 'code' });
    await recordAudit(ctx.db, { cooperativeId: null, actor: c.get('actor'), action: 'two_factor.enable', entity: 'user', entityId: auth.user.id });
    return c.json({ recoveryCodes });
  });

  app.delete('/admin/api/me/two-factor', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    const { password } = await readJson(c, twoFactorDisableSchema);
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, auth.user.email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt);
    if (!(await verifyCredentials(ctx.db, auth.user.email, password)))
      throw new ApiError(422, { code: 'invalid_credentials', message: errorMessage('wrong_password'), field: 'password' });
    await settleLoginAttempt(ctx.db, auth.user.email, ip);
    await disableTwoFactor(ctx.db, auth.user.id);
    await recordAudit(ctx.db, { cooperativeId: null, actor: c.get('actor'), action: 'two_factor.disable', entity: 'user', entityId: auth.user.id });
    return c.body(null, 204);
  });
}

/**
 * When a cooperative requires it, its owners must have two-factor on to use its admin
 * routes (403 `two_factor_required`); enrolment (`/admin/api/me/two-factor`) and sign-out
 * live outside the cooperative's routes, so they stay open. Runs after `resolveCooperative`.
 */
export function requireOwnerTwoFactor(ctx: AdminContext): MiddlewareHandler<AdminEnv> {
  return async function requireOwnerTwoFactor(c, next) {
    const auth = c.get('auth');
    if (auth.kind === 'session' && c.get('role') === 'owner') {
      const { requireOwnerTwoFactor: required } = await getCooperativeSecurity(ctx.db, c.get('coop').id);
      if (required && !(await hasTwoFactor(ctx.db, auth.user.id))) {
        throw new ApiError(403, { code: 'two_factor_required' });
      }
    }
    return next();
  };
}
