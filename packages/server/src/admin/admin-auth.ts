import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import {
  csrfTokenFor,
  loadCooperativeBySlug,
  resolveApiToken,
  resolveSession,
  roleIn,
  safeEqual,
  type Actor,
  type ApiToken,
  type Cooperative,
  type Role,
  type User,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import type { AdminContext } from './admin-context';

/** Who is calling: a browser session (cookie) or a script (bearer API token). */
export type AdminAuth = { kind: 'session'; user: User; sessionId: string; sessionToken: string } | { kind: 'token'; token: ApiToken };

export type AdminEnv = {
  Variables: {
    auth: AdminAuth;
    actor: Actor;
    coop: Cooperative;
    role: Role;
  };
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when the request's Origin (or, without one, Fetch Metadata) says it came from the admin's own origin. */
export function sameOriginRequest(c: Context, ctx: AdminContext): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return ctx.allowedOrigins(c).includes(origin);
  // Browsers send Origin on every cross-origin write; without one, trust Fetch Metadata when
  // present. Non-browser clients without either still need the CSRF token.
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

/**
 * Authenticates every admin request: a bearer API token, else the session cookie. Cookie
 * writes must also carry the session's CSRF token in `x-csrf-token` and come from the
 * admin's origin; bearer requests are exempt (a browser never adds that header on its own).
 */
export function authenticate(ctx: AdminContext): MiddlewareHandler<AdminEnv> {
  return async function authenticate(c, next) {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match?.[1] ? await resolveApiToken(ctx.db, match[1]) : null;
      if (!token) throw new ApiError(401, { code: 'unauthenticated', message: errorMessage('invalid_token'), headers: { 'WWW-Authenticate': 'Bearer' } });
      c.set('auth', { kind: 'token', token });
      c.set('actor', { kind: 'token', tokenId: token.id, name: token.name });
      return next();
    }
    const cookie = getCookie(c, ctx.cookie.name);
    const session = cookie ? await resolveSession(ctx.db, cookie) : null;
    if (!cookie || !session) throw new ApiError(401, { code: 'unauthenticated' });
    if (UNSAFE.has(c.req.method)) {
      const header = c.req.header('x-csrf-token') ?? '';
      if (!safeEqual(header, csrfTokenFor(cookie)) || !sameOriginRequest(c, ctx)) {
        throw new ApiError(403, { code: 'csrf_failed' });
      }
    }
    c.set('auth', { kind: 'session', user: session.user, sessionId: session.sessionId, sessionToken: cookie });
    c.set('actor', { kind: 'user', userId: session.user.id, email: session.user.email });
    return next();
  };
}

/**
 * Resolves `:coop` and the caller's role there. A cooperative the caller does not belong to
 * answers exactly like one that does not exist: 404.
 */
export function resolveCooperative(ctx: AdminContext): MiddlewareHandler<AdminEnv> {
  return async function resolveCooperative(c, next) {
    const slug = c.req.param('coop') ?? '';
    if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw notFound();
    const coop = await loadCooperativeBySlug(ctx.db, slug);
    if (!coop) throw notFound();
    const auth = c.get('auth');
    const role = auth.kind === 'token' ? (auth.token.cooperativeId === coop.id ? auth.token.role : undefined) : await roleIn(ctx.db, auth.user.id, coop.id);
    if (!role) throw notFound();
    c.set('coop', coop);
    c.set('role', role);
    return next();
  };
}

/**
 * Lets only the given roles through (403 for the others, who can see the cooperative).
 *
 * @example
 * app.get('/members', requireRole('owner'), listMembersHandler);
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AdminEnv> {
  return async function requireRole(c, next) {
    if (!roles.includes(c.get('role'))) throw new ApiError(403, { code: 'forbidden', message: `This needs the role ${roles.join(' or ')}.` });
    return next();
  };
}

/** Refuses API tokens on routes that manage people and credentials. */
export function requireSession(): MiddlewareHandler<AdminEnv> {
  return async function requireSession(c, next) {
    if (c.get('auth').kind !== 'session') throw new ApiError(403, { code: 'session_required' });
    return next();
  };
}
