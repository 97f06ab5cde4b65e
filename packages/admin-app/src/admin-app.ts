import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { createAdminApi, type AdminApiOptions } from '@terroir/server/admin';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface AdminAppOptions extends AdminApiOptions {
  /** Folder of the built app (`vite build` output). Default: this package's dist/. */
  distDir?: string;
}

// The app's own scripts and styles only; the API is same-origin; media may be served from
// a CDN (img-src https:) and Markdown previews may show images from anywhere https.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' blob: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const PAGE_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * The cooperative workspace in one Hono app: the admin API under `/admin/api` and the
 * single-page app under `/admin` (its hashed assets cached for a year, `index.html` never,
 * so a new release shows up on the next visit). Mount it at the root of your server.
 *
 * @example
 * const app = new Hono();
 * app.route('/', adminApp({ db, media: { storage } }));
 * app.route('/', mediaFiles({ storage }));
 */
export function adminApp(options: AdminAppOptions): Hono {
  const dist = options.distDir ?? DIST;
  const app = new Hono();
  app.route('/', createAdminApi(options));

  const indexHtml = () => (existsSync(path.join(dist, 'index.html')) ? readFileSync(path.join(dist, 'index.html'), 'utf8') : null);

  app.get('/admin/assets/:file', (c) => {
    const file = c.req.param('file');
    // Vite names every asset `<name>-<hash>.<ext>`; nothing else is served from here.
    if (!/^[\w.-]+\.(js|css|svg|png|woff2|map)$/.test(file) || file.includes('..')) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    const full = path.join(dist, 'assets', file);
    if (!existsSync(full)) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    return c.body(new Uint8Array(readFileSync(full)), 200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  const page = (c: Context) => {
    const html = indexHtml();
    if (!html) {
      return c.text('The admin app is not built yet: run `pnpm --filter @terroir/admin-app build`.', 503, { 'Cache-Control': 'no-store' });
    }
    return c.html(html, 200, { ...PAGE_HEADERS, 'Cache-Control': 'no-cache' });
  };
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/', page);
  return app;
}
