import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

/** Where `vite build` puts the bundle. */
/**
 * Whether `If-None-Match` matches `etag` (weak comparison, lists, `*`). A copy of core's
 * `ifNoneMatchHits`, because the widgets package does not depend on core at run time; a test
 * checks both answer alike.
 *
 * @example
 * ifNoneMatchHits('"x", W/"abc"', '"abc"') // true
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

const DIST = new URL('../dist/', import.meta.url).pathname;

const TYPES: Record<string, string> = {
  'terroir.js': 'text/javascript; charset=utf-8',
  'terroir.js.map': 'application/json; charset=utf-8',
  'terroir.js.sri': 'text/plain; charset=utf-8',
};

export interface WidgetAssetsOptions {
  /** Folder holding terroir.js (default: this package's dist/). */
  dist?: string;
}

/**
 * A Hono sub-app serving the widget bundle at `/v1/terroir.js` (and its source map and SRI
 * hash) with a year of immutable caching, `Access-Control-Allow-Origin: *` and
 * `Cross-Origin-Resource-Policy: cross-origin`, so any site can load it (also with
 * `integrity` and `crossorigin`). A new bundle ships under a new version path, never in place.
 *
 * @example
 * import { widgetAssets } from '@terroir/widgets/serve';
 * app.route('/widgets', widgetAssets()); // → /widgets/v1/terroir.js
 */
export function widgetAssets(options: WidgetAssetsOptions = {}): Hono {
  const dist = options.dist ?? DIST;
  const files = new Map<string, Promise<{ body: Uint8Array<ArrayBuffer>; gzipped: Uint8Array<ArrayBuffer>; etag: string } | null>>();
  const load = (name: string) => {
    let file = files.get(name);
    if (!file) {
      file = readFile(join(dist, name)).then(
        (buffer) => ({
          body: new Uint8Array(buffer),
          // Compressed once at load: a 360 px phone on a slow network fetches ~15 KB, not ~37 KB.
          gzipped: new Uint8Array(gzipSync(buffer, { level: 9 })),
          etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"`,
        }),
        () => null,
      );
      // A missing file (bundle not built yet) is looked for again on the next request.
      file.then((found) => found ?? files.delete(name));
      files.set(name, file);
    }
    return file;
  };

  const app = new Hono();
  app.on(['GET', 'HEAD'], '/v1/:file', async function widgetAsset(c) {
    const name = c.req.param('file');
    const type = TYPES[name];
    const file = type ? await load(name) : null;
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    if (!type || !file) {
      c.header('Cache-Control', 'no-store');
      return c.json({ error: { code: 'not_found', message: `No widget asset ${name}; run \`pnpm --filter @terroir/widgets build\`.` } }, 404);
    }
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('ETag', file.etag);
    if (ifNoneMatchHits(c.req.header('if-none-match'), file.etag)) return c.body(null, 304);
    c.header('Content-Type', type);
    c.header('Vary', 'Accept-Encoding');
    if (/\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(file.gzipped);
    }
    return c.body(file.body);
  });
  return app;
}
