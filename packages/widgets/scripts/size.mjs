// Size budget of the widget bundle (Preact included): fails over 15 KB gzipped. Also writes
// the Subresource Integrity hash sites paste into their script tag.
//   node scripts/size.mjs           check dist/terroir.js (after `vite build`)
//   node scripts/size.mjs --build   build first, then check
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 15 * 1024;
// Shopify Buy Button 3.0.6 (buy-button-storefront.min.js): 352 KB minified, 59 KB gzipped.
const SHOPIFY_BUY_BUTTON_GZIP_BYTES = 59 * 1024;

const pkg = new URL('..', import.meta.url).pathname;
if (process.argv.includes('--build')) {
  const vite = join(pkg, 'node_modules', '.bin', 'vite');
  const built = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: pkg, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('widget build failed');
    process.exit(built.status ?? 1);
  }
}

const file = join(pkg, 'dist', 'terroir.js');
let source;
try {
  source = readFileSync(file);
} catch {
  console.error(`${file} is missing: run \`vite build\` first or pass --build`);
  process.exit(1);
}
const gzipped = gzipSync(source, { level: 9 }).length;
const sri = `sha384-${createHash('sha384').update(source).digest('base64')}`;
writeFileSync(`${file}.sri`, sri + '\n');

const kb = (n) => (n / 1024).toFixed(2) + ' KB';
const ratio = ((gzipped / SHOPIFY_BUY_BUTTON_GZIP_BYTES) * 100).toFixed(1);
console.log(`dist/terroir.js: ${kb(source.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_BYTES)})`);
console.log(`= ${ratio}% of Shopify Buy Button 3.0.6 (59 KB gzipped), ${(SHOPIFY_BUY_BUTTON_GZIP_BYTES / gzipped).toFixed(1)}x smaller`);
console.log(`SRI: ${sri}`);
// Two copies of Preact (pnpm can link a peer-dependency variant) would break hooks, not only size.
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const preactCopies = map.sources.filter((source) => /\/preact\/dist\/preact\.mjs$/.test(source));
if (preactCopies.length !== 1) {
  console.error(`expected one copy of Preact in the bundle, found ${preactCopies.length}:\n  ${preactCopies.join('\n  ')}`);
  process.exit(1);
}
if (gzipped > BUDGET_BYTES) {
  console.error(`over budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exit(1);
}
