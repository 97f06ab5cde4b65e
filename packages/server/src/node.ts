import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { createStorefront, type StorefrontOptions } from './storefront';

export interface ServeStorefrontOptions extends StorefrontOptions {
  /** Port to listen on; 0 picks a free one (default 8787). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  hostname?: string;
  /** Path the API is mounted at (default `/api`). */
  basePath?: string;
}

/**
 * Serves the storefront API over HTTP with `@hono/node-server`. Resolves once listening.
 *
 * @example
 * const { db } = await openDatabase();
 * const { url, close } = await serveStorefront({ db, port: 0 });
 * console.log(`${url}/api/v1/coops/laiyang-pear`);
 * await close();
 */
export function serveStorefront(options: ServeStorefrontOptions): Promise<{ url: string; port: number; server: ServerType; close(): Promise<void> }> {
  const { port = 8787, hostname = '127.0.0.1', basePath = '/api', ...storefrontOptions } = options;
  const app = new Hono();
  app.route(basePath, createStorefront(storefrontOptions));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        server,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', reject);
  });
}
