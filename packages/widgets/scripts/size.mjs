// Size budgets of the widget bundle: every built file (the loader entry, the shared chunk with
// Preact, one chunk per widget or widget part) and the paths a page actually downloads, e.g. a
// page with only <terroir-products> and <terroir-cart>. Prints a table; exits 1 over a budget.
//   node scripts/size.mjs           check dist/ (after `vite build`)
//   node scripts/size.mjs --build   build first, then check
// A new lazy widget group (the museum's timeline, hall, map, person) gets a line in
// CHUNK_BUDGETS and, if pages embed it alone, a line in PATHS.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KB = 1024;
/** Budgets (gzipped bytes) per chunk, by the source module it stands for; `entry` and `shared` by role. */
// 2026-12-04 (issue 11, "download no more than today"): every budget we own lowered to just above
// the measured size; the museum's (another team's files) left as they were.
const CHUNK_BUDGETS = {
  // 1.1 → 1.5 KB: the offline state (an error with a retry in zh-CN and en) must live in the loader.
  // 1.5 → 1.7 KB (issue 11): the four museum elements' definitions (tag, attributes, hashed chunk URL).
  // It also picks the page language's strings chunk (+0.06 KB; 1.64 KB measured).
  entry: 1.7 * KB,
  // 11.25 → 9.6 KB: the strings moved out into one chunk per language (-1.2 KB), the cart's
  // quote and fulfilment reads into the cart's content chunk, no sourceMappingURL comment.
  shared: 9.6 * KB,
  'products.component': 1.05 * KB,
  'product.component': 1.6 * KB,
  'story.component': 1.35 * KB,
  'stories.component': 0.6 * KB,
  // 2.25 → 0.85 KB: the cart is a shell (drawer toggle, count, "empty") until it has lines to show.
  'cart.component': 0.85 * KB,
  // What a cart with lines shows (lines, quote, pickup / delivery step, checkout button).
  'cart-lines.component': 1.85 * KB,
  'cart-fulfilment.component': 1.45 * KB,
  // 1 → 1.25 KB: the checkout Idempotency-Key moved here from the shared chunk (checkout-key.ts).
  'cart-checkout': 1.15 * KB,
  // terroir-search (issue 11): combobox, grouped results, highlights; fetched only where a page has the element.
  'search.component': 3.15 * KB,
  // The museum (issue 11): one chunk per element and the chunk the four share (museum-common).
  'timeline.component': 1.65 * KB,
  'map.component': 2.3 * KB,
  // 0.8 → 1.6 KB (issue 11, the hall's audio guide): measured 0.68 → 1.54 KB gz for play /
  // pause / next, the status line, the playing exhibit marked, timed transcript passages, and
  // their zh-CN/en strings. Only pages showing a hall fetch it.
  'hall.component': 1.6 * KB,
  // 0.8 → 1.1 KB (issue 11, voice recordings): measured 0.72 → 1.06 KB gz for a player per
  // recording with its caption, playing time and transcript, and their zh-CN/en strings.
  'person.component': 1.1 * KB,
  'museum-common': 1.55 * KB,
  // The shared strings, one chunk per language: a page fetches the one of its language.
  'messages.zh-CN': 0.85 * KB,
  'messages.en': 0.7 * KB,
};
/**
 * What a page embedding these widgets downloads before any interaction, and its budget; each
 * path with the shared strings of its larger language (zh-CN).
 */
const PATHS = [
  // 15.25 → 15.6 KB (issues 10, 11): the loader's offline state (an error with a retry, zh-CN and
  // en, ~0.45 KB: it cannot live in a chunk that failed to arrive) and terroir-search's
  // registration; the checkout key moved out of the shared chunk (-0.19 KB) pays for part of it.
  // 15.6 → 15.75 KB (issue 11): the loader defines the museum elements too (+0.13 KB); no museum chunk is fetched.
  // 15.75 → 13.85 KB (issue 11, 15.64 → 13.77 KB measured): one language's strings, the cart's
  // content loaded once it has lines, no sourceMappingURL comments. Target 12 KB: not met.
  { name: 'products + cart', modules: ['products.component', 'cart.component'], budget: 13.85 * KB },
  // The same page once the cart holds something (a returning shopper's inline cart loads its
  // content at once; a drawer cart when opened). Kept under 15.64 KB, what every products + cart
  // page downloaded before the cart's content became a chunk of its own.
  { name: 'products + cart with lines', modules: ['products.component', 'cart.component', 'cart-lines.component'], budget: 15.64 * KB },
  { name: 'story', modules: ['story.component'], budget: 13.35 * KB },
  { name: 'search', modules: ['search.component'], budget: 15.1 * KB },
  { name: 'museum', modules: ['timeline.component', 'map.component', 'hall.component', 'person.component'], budget: 21 * KB },
  // 21 → 21.25 KB (issue 13): pay at pickup's payment choice and the phone/WeChat fallback add
  // ~0.4 KB gz, mostly in the lazily loaded fulfilment step; the first-load path keeps its budget.
  // 21.25 → 25 KB: terroir-search's chunk (~3.1 KB) and the loader's offline state.
  // 25 → 34 KB (issue 11): the museum's five chunks (~6.4 KB gz), fetched only by pages showing a museum widget.
  // 34 → 33 KB: 31.5 KB measured with both languages' strings; room left for the museum's work.
  { name: 'every widget and part', modules: Object.keys(CHUNK_BUDGETS).filter((m) => m !== 'entry' && m !== 'shared'), budget: 33 * KB },
];
// Today's one-file bundle, before the split: what the products + cart path is compared with.
const SINGLE_FILE_GZIP_BYTES = 15_329; // 14.97 KB
// Shopify Buy Button 3.0.6 (buy-button-storefront.min.js): 352 KB minified, 59 KB gzipped.
const SHOPIFY_BUY_BUTTON_GZIP_BYTES = 59 * KB;

const pkg = new URL('..', import.meta.url).pathname;
if (process.argv.includes('--build')) {
  const vite = join(pkg, 'node_modules', '.bin', 'vite');
  const built = spawnSync(vite, ['build', '--logLevel', 'warn'], {
    cwd: pkg,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (built.status !== 0) {
    console.error('widget build failed');
    process.exit(built.status ?? 1);
  }
}

const dist = join(pkg, 'dist');
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
} catch {
  console.error(`${dist}/manifest.json is missing: run \`vite build\` first or pass --build`);
  process.exit(1);
}

const kb = (n) => (n / KB).toFixed(2) + ' KB';
const gzipOf = (name) => gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
// What the server sends to browsers offering brotli (src/serve-bundle.ts); budgets count gzip.
const brotliOf = (name) => brotliCompressSync(readFileSync(join(dist, name)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
// A chunk no element imports directly (shared, museum-common) has no module: its role is its name.
const roleOf = (name) =>
  name === manifest.entry
    ? 'entry'
    : (manifest.files[name].modules[0] ?? (name.includes('.shared.') ? 'shared' : (/^terroir\.(.+)\.[^.]+\.js$/.exec(name)?.[1] ?? name)));
let failed = false;
const rows = [];
for (const [name, file] of Object.entries(manifest.files)) {
  const role = roleOf(name);
  const gz = gzipOf(name);
  const budget = CHUNK_BUDGETS[role];
  const over = budget === undefined || gz > budget;
  if (over) failed = true;
  rows.push([role, name, kb(file.bytes), kb(gz), kb(brotliOf(name)), budget === undefined ? 'no budget' : kb(budget), over ? 'OVER' : 'ok']);
}

// Files fetched for a page with these widgets: the entry, each widget's chunk, and everything
// they import statically (the shared chunk) — not what they import on demand — plus the shared
// strings of the page's language, one chunk the loader picks. A path counts the larger language.
const chunkOf = (module) => Object.keys(manifest.files).find((name) => manifest.files[name].modules.includes(module));
function closure(names, seen = new Set()) {
  for (const name of names) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    closure(manifest.files[name].imports, seen);
  }
  return seen;
}
const sharedChunk = Object.keys(manifest.files).find((name) => roleOf(name) === 'shared');
const LANGUAGES = ['zh-CN', 'en'];
/** The files of a path in one language, and their gzip and brotli sizes. */
function measurePath(modules, language) {
  const files = closure([manifest.entry, sharedChunk, chunkOf(`messages.${language}`), ...modules.map(chunkOf)]);
  const gz = [...files].reduce((sum, name) => sum + gzipOf(name), 0);
  const br = [...files].reduce((sum, name) => sum + brotliOf(name), 0);
  return { language, files, gz, br };
}
const measured = PATHS.map((path) => {
  const [zh, en] = LANGUAGES.map((language) => measurePath(path.modules, language));
  return { path, zh, en, worst: zh.gz >= en.gz ? zh : en };
});
for (const { path, worst } of measured) {
  const over = worst.gz > path.budget;
  if (over) failed = true;
  rows.push([`path: ${path.name}`, `${worst.files.size} files, ${worst.language}`, '', kb(worst.gz), kb(worst.br), kb(path.budget), over ? 'OVER' : 'ok']);
}

const header = ['chunk', 'file', 'minified', 'gzipped', 'brotli', 'gzip budget', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) =>
  cells
    .map((c, i) => String(c).padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(header));
for (const row of rows) console.log(line(row));

const pc = measured[0];
console.log(
  `products + cart: ${kb(pc.zh.gz)} gzipped in zh-CN, ${kb(pc.en.gz)} in English, vs ${kb(SINGLE_FILE_GZIP_BYTES)} for the one-file bundle before the split`,
);
const pcGzip = pc.worst.gz;
console.log(`= ${((pcGzip / SHOPIFY_BUY_BUTTON_GZIP_BYTES) * 100).toFixed(1)}% of Shopify Buy Button 3.0.6 (59 KB gzipped)`);
console.log(`entry ${manifest.entry}, SRI ${manifest.files[manifest.entry].integrity}`);

// Two copies of Preact (pnpm can link a peer-dependency variant) would break hooks, not only size.
const preactCopies = Object.keys(manifest.files).flatMap((name) =>
  JSON.parse(readFileSync(join(dist, name + '.map'), 'utf8')).sources.filter((source) => /\/preact\/dist\/preact\.mjs$/.test(source)),
);
if (preactCopies.length !== 1) {
  console.error(`expected one copy of Preact in the bundle, found ${preactCopies.length}:\n  ${preactCopies.join('\n  ')}`);
  failed = true;
}
if (failed) {
  console.error('widget size budget exceeded (see OVER above)');
  process.exit(1);
}
