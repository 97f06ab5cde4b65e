#!/usr/bin/env node
// Builds the package in the current folder to ESM JavaScript + bundled .d.ts with tsdown.
//
// The package's own `exports` (pointing at src/, for speed inside the workspace) are the list of
// entries; each `./name` becomes `<outDir>/name.js` + `<outDir>/name.d.ts`, and `publishConfig.exports`
// (what pnpm writes into the packed package.json) is rewritten to say exactly that whenever it is
// stale (`--sync` does only that), so a new sub-entry cannot ship unbuilt or point at sources.
//
// Bundling (rather than plain tsc) is what makes Node's own resolution work: our sources import
// relative files without extensions, which only a bundler resolves; the bundle has none left.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'tsdown';

const cwd = process.cwd();
const manifestPath = join(cwd, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const settings = manifest.terroirBuild ?? {};
// widgets and admin-app keep `dist/` for their Vite browser builds; their Node library goes to lib/.
const outDir = settings.outDir ?? 'dist';

/** `.` → index, `./catalog` → catalog, `./server/stripe` → server-stripe. */
const entryName = (key) => (key === '.' ? 'index' : key.slice(2).replaceAll('/', '-'));

const sourceExports = Object.entries(manifest.exports ?? {}).filter(
  ([key, target]) => typeof target === 'string' && target.endsWith('.ts') && key !== './package.json',
);
const entry = Object.fromEntries(sourceExports.map(([key, target]) => [entryName(key), target]));
const bins = Object.entries(settings.bin ?? {});
for (const [name, target] of bins) entry[name] = target;

const wantedExports = {};
for (const [key] of sourceExports) {
  const name = entryName(key);
  wantedExports[key] = { types: `./${outDir}/${name}.d.ts`, import: `./${outDir}/${name}.js` };
}
for (const [key, target] of Object.entries(manifest.exports ?? {})) {
  if (typeof target === 'string' && !target.endsWith('.ts')) wantedExports[key] = target;
}

const stale = JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(wantedExports);
if (stale) {
  // pnpm reads package.json after prepack, so writing it here still packs the right exports; the
  // note asks for a commit so the repository says what is published.
  manifest.publishConfig = { ...manifest.publishConfig, exports: wantedExports };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.warn(`${manifest.name}: publishConfig.exports updated from exports (${Object.keys(wantedExports).length} entries); commit package.json`);
}
if (process.argv.includes('--sync')) process.exit(0);

await build({
  cwd,
  entry,
  outDir,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // outDir belongs to this build alone (Vite's browser builds write dist/ in widgets and admin-app, lib/ is ours there).
  clean: true,
  dts: { tsconfig: new URL('./tsconfig.build.json', import.meta.url).pathname, resolver: 'tsc' },
  sourcemap: false,
  // Dependencies and peers stay imports (tsdown's default); nothing of node_modules is inlined.
  logLevel: 'warn',
  fixedExtension: false,
  // Chunks carry a content hash so a shared chunk can never take an entry's file name: with plain
  // `[name]` names, a chunk made from some `fulfilment/index.ts` became dist/index.d.ts and pushed the
  // root entry's declarations to index5.d.ts, so consumers saw none of the root's exports.
  hash: true,
  report: false,
});
console.log(`${manifest.name}: built ${Object.keys(entry).length} entries into ${outDir}/`);
