import type { MiddlewareHandler } from 'hono';

/**
 * The Content-Security-Policy of a rendered page: scripts only from this origin and the widget
 * bundle's origin (the JSON-LD blocks are data, not scripts), API calls to the same two,
 * pictures and recordings from this origin or any https origin (media may sit on a CDN),
 * inline styles (critical CSS and the widgets' shadow styles), nothing framed or framing.
 *
 * @example
 * pageContentSecurityPolicy('https://cdn.example.cn/widgets/v1/terroir.js')
 * // "default-src 'self'; script-src 'self' https://cdn.example.cn; …; frame-ancestors 'none'"
 */
export function pageContentSecurityPolicy(widgetsUrl: string | null, apiUrl?: string): string {
  const extra = new Set<string>();
  for (const url of [widgetsUrl, apiUrl]) {
    if (url && /^https?:\/\//i.test(url)) extra.add(new URL(url).origin);
  }
  const others = [...extra].map((origin) => ` ${origin}`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${others}`,
    `connect-src 'self'${others}`,
    "img-src 'self' data: https:",
    "media-src 'self' https:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Defence in depth for HTML answers (escaping is the first line): CSP, no framing, no MIME
 * sniffing. Other answers (sitemap, QR SVGs, robots.txt) keep the headers their routes set.
 *
 * @example
 * app.use('*', pageSecurityHeaders(pageContentSecurityPolicy('/widgets/v1/terroir.js')));
 */
export const pageSecurityHeaders = (policy: string): MiddlewareHandler =>
  async function pageSecurityHeaders(c, next) {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    if (!c.res.headers.get('Content-Type')?.startsWith('text/html')) return;
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', policy);
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  };
