import type { Hono, MiddlewareHandler } from 'hono';
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
import { AdminError } from './admin-errors';
import { twoFactorConfirmSchema, twoFactorDisableSchema, twoFactorSignInSchema } from './security-schemas';
import { signIn, tooManyAttempts } from './sign-in';

/**
 * TOTP two-factor sign-in: the second step of a login, and enrolment for the signed-in
 * person (`/admin/api/me/two-factor`). Codes are throttled per user and IP like passwords.
 */
export function registerTwoFactorRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.post('/admin/api/session/two-factor', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new AdminError(403, 'csrf_failed', 'Log in from the admin page itself.');
    const { challenge, code } = await readJson(c, twoFactorSignInSchema);
    const userId = await twoFactorChallengeUser(ctx.db, challenge);
    if (!userId) throw new AdminError(401, 'challenge_expired', 'The sign-in took too long or was used already. Enter your password again.', 'challenge');
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, `2fa:${userId}`, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt, 'Too many wrong codes. Try again later.');
    const done = await completeTwoFactorSignIn(ctx.db, challenge, code);
    if (!done) throw new AdminError(401, 'invalid_code', 'Wrong or already used code.', 'code');
    await settleLoginAttempt(ctx.db, `2fa:${userId}`, ip);
    return c.json(await signIn(c, ctx, done.user, done.usedRecoveryCode ? 'recovery_code' : 'totp'));
  });

  app.use('/admin/api/me/two-factor', authenticate(ctx), requireSession());
  app.use('/admin/api/me/two-factor/*', authenticate(ctx), requireSession());

  app.post('/admin/api/me/two-factor', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new AdminError(403, 'session_required', 'Log in as a person to do this.');
    return c.json(await beginTwoFactorEnrolment(ctx.db, auth.user));
  });

  app.post('/admin/api/me/two-factor/confirm', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new AdminError(403, 'session_required', 'Log in as a person to do this.');
    const { code } = await readJson(c, twoFactorConfirmSchema);
    const recoveryCodes = await confirmTwoFactor(ctx.db, auth.user, code);
    if (!recoveryCodes) throw new AdminError(422, 'invalid_code', 'That code does not match: check the time on your phone and try the next code.', 'code');
    await recordAudit(ctx.db, { cooperativeId: null, actor: c.get('actor'), action: 'two_factor.enable', entity: 'user', entityId: auth.user.id });
    return c.json({ recoveryCodes });
  });

  app.delete('/admin/api/me/two-factor', async (c) => {
    const auth = c.get('auth');
    if (auth.kind !== 'session') throw new AdminError(403, 'session_required', 'Log in as a person to do this.');
    const { password } = await readJson(c, twoFactorDisableSchema);
    const ip = ctx.clientIp(c);
    const claim = await claimLoginAttempt(ctx.db, auth.user.email, ip, ctx.throttle);
    if (!claim.allowed) throw tooManyAttempts(claim.retryAt, 'Too many failed attempts. Try again later.');
    if (!(await verifyCredentials(ctx.db, auth.user.email, password))) throw new AdminError(422, 'invalid_credentials', 'The password is wrong.', 'password');
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
        throw new AdminError(403, 'two_factor_required', 'This cooperative requires owners to sign in with two-factor. Turn it on under your account first.');
      }
    }
    return next();
  };
}
