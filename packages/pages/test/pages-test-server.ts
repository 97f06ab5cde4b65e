// A real HTTP server for browser tests and the Lighthouse script: the demo seed on a fresh
// SQLite file, the storefront API at /api, the widgets bundle at /widgets, demo media at
// /media, and the pages at the root, as the demo site mounts them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { LocalDiskStorage, openDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { createStorefront } from '@terroir/server';
import { widgetAssets } from '@terroir/widgets/serve';
import { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';
import { createPages } from '../src/index';

const WIDGETS = new URL('../../widgets/', import.meta.url).pathname;
const MEDIA = new URL('../../../examples/village-site/public/media/', import.meta.url).pathname;

/** Builds the widgets bundle when it is missing (a fresh clone); the widgets package owns the build. */
export function ensureWidgetsBundle(): void {
  if (existsSync(join(WIDGETS, 'dist', 'manifest.json'))) return;
  const built = spawnSync(join(WIDGETS, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: WIDGETS, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`widgets build failed:\n${built.stdout}\n${built.stderr}`);
}

/**
 * A private copy of the bundle (the manifest and the hashed files it names): the widgets' own
 * tests may rebuild dist/ while these tests run in parallel, and a page must not lose its
 * script halfway.
 */
function copyWidgetsBundle(into: string): string {
  ensureWidgetsBundle();
  mkdirSync(into, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const manifest = JSON.parse(readFileSync(join(WIDGETS, 'dist', 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
      for (const name of Object.keys(manifest.files)) copyFileSync(join(WIDGETS, 'dist', name), join(into, name));
      writeFileSync(join(into, 'manifest.json'), JSON.stringify(manifest));
      return into;
    } catch (error) {
      if (attempt >= 50) throw error;
      spawnSync('sleep', ['0.2']);
    }
  }
}

/** Starts the site on 127.0.0.1 at a free port. */
export async function startPagesServer() {
  const dir = mkdtempSync(join(tmpdir(), 'terroir-pages-'));
  const widgetsDist = copyWidgetsBundle(join(dir, 'widgets'));
  const database = await openDatabase({ url: join(dir, 'site.sqlite') });
  await seedDemoVillage(database.db);
  const app = new Hono();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: (request) => app.fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.route('/api', createStorefront({ db: database.db }));
  app.route('/widgets', widgetAssets({ dist: widgetsDist }));
  app.get('/media/:file', (c) => {
    const file = c.req.param('file');
    if (!/^[\w-]+\.(svg|wav)$/.test(file) || !existsSync(join(MEDIA, file))) return c.notFound();
    c.header('Content-Type', file.endsWith('.svg') ? 'image/svg+xml' : 'audio/wav');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(readFileSync(join(MEDIA, file)));
  });
  const memories = { storage: new LocalDiskStorage({ folder: join(dir, 'memories') }) };
  app.route('/', createPages({ db: database.db, baseUrl: origin, memories }));
  return {
    origin,
    database,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags that keep it off the closed network (NOTES.md). */
export function chromiumArgs(): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** Launches /usr/bin/chromium through playwright-core (which gives it a fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs() });
}
