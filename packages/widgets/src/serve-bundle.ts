import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';

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

/** Where `vite build` puts the bundle. */
const DIST = new URL('../dist/', import.meta.url).pathname;

/** `terroir.<hash>.js`, `terroir.<chunk>.<hash>.js` and their source maps: content-hashed, so immutable. */
const HASHED = /^terroir(?:\.[\w-]+)*\.[\w-]{8}\.js(?:\.map)?$/;
const YEAR = 'public, max-age=31536000, immutable';
/** The alias, its SRI hash and the manifest change with each release: browsers recheck them after 5 minutes. */
const SHORT = 'public, max-age=300, must-revalidate';
const JS = 'text/javascript; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export interface WidgetAssetsOptions {
  /** Folder holding the build (default: this package's dist/). */
  dist?: string;
}

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  brotli: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** The parts of dist/manifest.json the server reads (scripts/widget-manifest.ts writes it). */
interface Manifest {
  entry: string;
  files: Record<string, { integrity: string }>;
}

function assetOf(buffer: Uint8Array): Asset {
  return {
    body: new Uint8Array(buffer),
    // Compressed once at load: a 360 px phone on a slow network fetches the gzipped bytes only.
    gzipped: new Uint8Array(gzipSync(buffer, { level: 9 })),
    // Brotli where the browser offers it (every current one over HTTPS): ~12% fewer bytes than gzip.
    brotli: new Uint8Array(brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
    etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"`,
  };
}

/**
 * A Hono sub-app serving the widget bundle (`pnpm --filter @terroir/widgets build`), readable
 * from any site (`Access-Control-Allow-Origin: *`, `Cross-Origin-Resource-Policy: cross-origin`,
 * brotli or gzip, compressed once):
 * - `/v1/terroir.<hash>.js` and every chunk `/v1/terroir.<name>.<hash>.js`: content-hashed,
 *   cached for a year, immutable — pin these with SRI;
 * - `/v1/terroir.js`: a short-cache alias (5 minutes, then revalidated by ETag) with the bytes
 *   of the current entry, whose chunk imports are hashed URLs;
 * - `/v1/terroir.js.sri` (the current entry's `sha384-…`) and `/v1/manifest.json` (every file
 *   with its integrity), short-cached like the alias;
 * - `/v1/terroir.<…>.js.map`: source maps, named by a `SourceMap` header on each script.
 * A rebuild never changes the bytes behind a hashed URL: same content, same name.
 *
 * @example
 * import { widgetAssets } from '@terroir/widgets/serve';
 * app.route('/widgets', widgetAssets()); // → /widgets/v1/terroir.js
 */
export function widgetAssets(options: WidgetAssetsOptions = {}): Hono {
  const dist = options.dist ?? DIST;
  const hashed = new Map<string, Promise<Asset | null>>();
  const loadHashed = (name: string) => {
    let file = hashed.get(name);
    if (!file) {
      file = readFile(join(dist, name)).then(assetOf, () => null);
      // A missing file (not built yet) is looked for again on the next request.
      file.then((found) => found ?? hashed.delete(name));
      hashed.set(name, file);
    }
    return file;
  };
  // The manifest names the current entry; read again at most every 2 s so a rebuild is picked up.
  let manifest: { at: number; value: Promise<Manifest | null> } | undefined;
  const loadManifest = () => {
    if (!manifest || Date.now() - manifest.at > 2_000) {
      manifest = {
        at: Date.now(),
        value: readFile(join(dist, 'manifest.json'), 'utf8').then(
          (text) => JSON.parse(text) as Manifest,
          () => null,
        ),
      };
    }
    return manifest.value;
  };

  const send = (c: Context, asset: Asset, type: string, cache: string, map?: string) => {
    c.header('Cache-Control', cache);
    // The build writes no sourceMappingURL comment into the files (bytes every page downloads):
    // devtools find the map through this header.
    if (map) c.header('SourceMap', map);
    c.header('ETag', asset.etag);
    c.header('Vary', 'Accept-Encoding');
    if (ifNoneMatchHits(c.req.header('if-none-match'), asset.etag)) return c.body(null, 304);
    c.header('Content-Type', type);
    const accepted = c.req.header('accept-encoding') ?? '';
    if (/\bbr\b/i.test(accepted)) {
      c.header('Content-Encoding', 'br');
      return c.body(asset.brotli);
    }
    if (/\bgzip\b/i.test(accepted)) {
      c.header('Content-Encoding', 'gzip');
      return c.body(asset.gzipped);
    }
    return c.body(asset.body);
  };

  const app = new Hono();
  app.on(['GET', 'HEAD'], '/v1/:file', async function widgetAsset(c) {
    const name = c.req.param('file');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    if (HASHED.test(name)) {
      const asset = await loadHashed(name);
      if (asset) return name.endsWith('.map') ? send(c, asset, JSON_TYPE, YEAR) : send(c, asset, JS, YEAR, name + '.map');
    } else if (name === 'terroir.js' || name === 'terroir.js.sri' || name === 'manifest.json') {
      const current = await loadManifest();
      const entry = current && (await loadHashed(current.entry));
      if (current && entry) {
        if (name === 'terroir.js') return send(c, entry, JS, SHORT, current.entry + '.map');
        if (name === 'terroir.js.sri') return send(c, assetOf(Buffer.from(current.files[current.entry]!.integrity + '\n')), 'text/plain; charset=utf-8', SHORT);
        return send(c, assetOf(Buffer.from(JSON.stringify(current, null, 2) + '\n')), JSON_TYPE, SHORT);
      }
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ error: { code: 'not_found', message: `No widget asset ${name}; run \`pnpm --filter @terroir/widgets build\`.` } }, 404);
  });
  return app;
}
