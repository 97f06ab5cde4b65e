// `pnpm start`: opens (and on first start creates and seeds) the demo database, then serves
// the village site. DATABASE_URL picks PostgreSQL or another SQLite file; PORT and HOST the
// address (127.0.0.1:8787 by default; HOST=0.0.0.0 to reach it from other machines).
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import { createVillageSite } from './app';

const defaultFile = fileURLToPath(new URL('../.data/village.sqlite', import.meta.url));
const url = process.env.DATABASE_URL || `file:${defaultFile}`;
const port = Number(process.env.PORT || 8787);
const hostname = process.env.HOST || '127.0.0.1';

const database = await openDatabase({ url });
const seeded = await seedDemoVillage(database.db);
console.log(seeded.created ? 'Seeded the demo village (laiyang-pear).' : 'Demo village already seeded.');

const app = createVillageSite({ db: database.db });
const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  const shown = hostname === '127.0.0.1' || hostname === '0.0.0.0' ? 'localhost' : hostname;
  console.log(`Terroir demo village: http://${shown}:${info.port}/  (API: http://${shown}:${info.port}/api/v1/coops/laiyang-pear)`);
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void database.close().then(() => process.exit(0)));
  // Keep-alive connections can hold close() open; do not hang on them.
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
