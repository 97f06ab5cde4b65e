// Runs Lighthouse 12 (mobile, default simulated throttling) on the demo village site's product
// page, served on 127.0.0.1 from a freshly seeded SQLite file, with Debian's Chromium.
// Not a unit test (scores vary with the machine): `pnpm --filter @terroir/pages lighthouse`.
// Prints the four category scores and the failing audits; writes the JSON report to
// $LIGHTHOUSE_REPORT when set. Usage: tsx scripts/lighthouse.ts [path] (default /zh-CN/products/laiyang-pear)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { Hono } from 'hono';
import lighthouse from 'lighthouse';
import { createVillageSite } from '../../../examples/village-site/src/app';
import { chromiumArgs, ensureWidgetsBundle } from '../test/pages-test-server';

const path = process.argv[2] ?? '/zh-CN/products/laiyang-pear';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForDevTools(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Chromium did not open its DevTools port.');
}

ensureWidgetsBundle();
const dir = mkdtempSync(join(tmpdir(), 'terroir-lighthouse-'));
const database = await openDatabase({ url: join(dir, 'village.sqlite') });
await seedDemoVillage(database.db);
const outer = new Hono();
const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: (request) => outer.fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
outer.route('/', createVillageSite({ db: database.db, publicUrl: origin }));

const debuggingPort = await freePort();
const chrome = spawn(
  '/usr/bin/chromium',
  [...chromiumArgs(), `--remote-debugging-port=${debuggingPort}`, `--user-data-dir=${join(dir, 'profile')}`, 'about:blank'],
  {
    stdio: 'ignore',
  },
);
try {
  await waitForDevTools(debuggingPort);
  const result = await lighthouse(`${origin}${path}`, { port: debuggingPort, output: 'json', logLevel: 'error' });
  if (!result) throw new Error('Lighthouse returned nothing.');
  const { lhr } = result;
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, category]) => [id, Math.round((category.score ?? 0) * 100)]));
  console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${path}`);
  console.log(JSON.stringify(scores));
  const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  console.log(metrics.map((id) => `${id}: ${lhr.audits[id]?.displayValue ?? '?'}`).join('; '));
  for (const audit of Object.values(lhr.audits)) {
    if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual') {
      console.log(`  ✗ ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      const items = (audit.details as { items?: Array<{ url?: unknown }> } | undefined)?.items ?? [];
      for (const item of items.slice(0, 5)) if (typeof item.url === 'string') console.log(`      ${item.url}`);
    }
  }
  if (process.env.LIGHTHOUSE_REPORT) writeFileSync(process.env.LIGHTHOUSE_REPORT, JSON.stringify(lhr, null, 1));
} finally {
  const exited = new Promise((resolve) => chrome.once('exit', resolve));
  chrome.kill('SIGTERM');
  await exited;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  // Chromium's helpers may still be flushing the profile for a moment after the main process exits.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
