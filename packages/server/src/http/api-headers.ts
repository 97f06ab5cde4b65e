import type { MiddlewareHandler } from 'hono';

/**
 * Sets `X-Content-Type-Options: nosniff` on every response of an API, errors and 304s
 * included: a browser must never read a JSON answer holding shop text as HTML or script.
 *
 * @example
 * app.use('*', noSniff());
 */
export const noSniff = (): MiddlewareHandler =>
  async function noSniff(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
