#!/usr/bin/env node
// The published shape, checked the way a user meets it (a step of `pnpm test`):
//  1. `pnpm pack` every published package (prepack builds it) into a temp folder;
//  2. the tarball holds what a user needs and nothing of ours (tests, fixtures, configs);
//  3. publint and `attw` (esm-only profile: node16 ESM + bundler) find no problem;
//  4. one scratch project in /tmp, outside the workspace: create-terroir (from its tarball)
//     writes a site, ONE `npm install` of the tarballs (better-sqlite3 compiles: ~100 s), a strict
//     NodeNext + exactOptionalPropertyTypes typecheck, the README's "Mount it" snippet run
//     verbatim (products, widget bundle), then `npm start` of the site (admin HTML, owner login).
// Prints each check, timings, and `packaging: N passed, N failed`. Removes everything it made.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = new URL('../../', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;
const PNPM = ['npx', ['-y', 'pnpm@12.4.2']];
const started = Date.now();
const timings = [];
const results = [];

const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
};
const timed = async (label, work) => {
  const t0 = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`${label} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
};
const run = (cmd, args, options = {}) => {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options, env: { ...process.env, ...options.env } });
  return { status: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
};
const tail = (text, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');

/** Published packages: every packages/* that is not private. */
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: join(root, 'packages', dir), manifest: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const work = mkdtempSync(join(tmpdir(), 'terroir-pack-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const children = new Set();

try {
  // 1. Pack (each package's prepack builds it first).
  const tarballOf = {};
  await timed('pack (build included)', async () => {
    for (const { dir, manifest } of packages) {
      const before = new Set(readdirSync(tarballs));
      const packed = run(PNPM[0], [...PNPM[1], 'pack', '--pack-destination', tarballs], { cwd: dir });
      const file = readdirSync(tarballs).find((name) => !before.has(name));
      if (check(`${manifest.name}: pnpm pack`, packed.status === 0 && !!file, packed.status === 0 ? '' : `\n${tail(packed.output)}`))
        tarballOf[manifest.name] = join(tarballs, file);
    }
  });

  // 2. Contents.
  for (const [name, tarball] of Object.entries(tarballOf)) {
    const files = run('tar', ['-tzf', tarball])
      .output.trim()
      .split('\n')
      .map((line) => line.replace(/^package\//, ''));
    const leaked = files.filter((file) => /(^|\/)(test|tests|fixtures|__tests__)\/|\.test\.|vitest\.config|:memory:|\.sqlite|^src\//.test(file));
    check(`${name}: tarball has no tests, fixtures, configs or sources`, leaked.length === 0, leaked.slice(0, 5).join(', '));
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).output);
    // better-sqlite3, pg, sharp and stripe are optional peers: only a lazy import() may load them.
    const eager = files
      .filter((file) => file.endsWith('.js') && file !== 'dist/stripe.js')
      .filter((file) => /^import\b[^;]*?from\s*"(better-sqlite3|pg|sharp|stripe)"/m.test(run('tar', ['-xzOf', tarball, `package/${file}`]).output));
    check(`${name}: no static import of an optional native (better-sqlite3, pg, sharp, stripe)`, eager.length === 0, eager.join(', '));
    const needed = [
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      ...Object.values(manifest.exports ?? {})
        .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
        .map((path) => path.replace(/^\.\//, '')),
    ];
    // The widget bundle is content-hashed (terroir.<hash>.js and chunks): the manifest names them.
    if (name === '@terroir/widgets') {
      needed.push('dist/manifest.json', 'dist/terroir.js.sri');
      let hashed = [];
      try {
        hashed = Object.keys(JSON.parse(run('tar', ['-xzOf', tarball, 'package/dist/manifest.json']).output).files);
      } catch {
        // No readable manifest: dist/manifest.json is reported missing below.
      }
      needed.push(...hashed.map((file) => `dist/${file}`));
    }
    if (name === '@terroir/admin-app') needed.push('dist/index.html');
    const missing = needed.filter((file) => !files.includes(file));
    check(
      `${name}: tarball has its entries, README, LICENSE, CHANGELOG${name === '@terroir/widgets' ? ', the hashed widget bundle and its manifest' : ''}${name === '@terroir/admin-app' ? ', the built SPA' : ''}`,
      missing.length === 0,
      missing.join(', '),
    );
    const workspaceRefs = JSON.stringify([manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies, manifest.devDependencies]).includes(
      'workspace:',
    );
    check(
      `${name}: packed package.json has no workspace: ranges and exports into built files`,
      !workspaceRefs && !/\/src\//.test(JSON.stringify(manifest.exports ?? {})),
      JSON.stringify([manifest.dependencies, manifest.exports]).match(/.{30}workspace:.{10}|.{20}\/src\/.{10}/)?.[0] ?? '',
    );
  }

  // 3. publint + attw.
  await timed('publint + attw', async () => {
    for (const [name, tarball] of Object.entries(tarballOf)) {
      const bytes = readFileSync(tarball);
      const { messages, pkg } = await publint({
        pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
        level: 'suggestion',
        strict: true,
      });
      check(`${name}: publint`, messages.length === 0, messages.map((message) => formatMessage(message, pkg)).join('; '));
      const attw = run(join(here, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color']);
      check(`${name}: attw (node16 ESM, bundler)`, attw.status === 0, attw.status === 0 ? '' : `\n${tail(attw.output, 40)}`);
    }
  });

  // 4. The scratch project: a scaffolded site, installed once, shared by every consumer check.
  const site = join(work, 'my-village');
  const owner = { email: 'owner@my-village.example', password: 'pear-blossom-2026' };
  const created = await timed('create-terroir', async () =>
    run(
      'npm',
      [
        'exec',
        '--yes',
        `--package=${tarballOf['create-terroir']}`,
        '--',
        'create-terroir',
        'my-village',
        '--name',
        '莱阳梨合作社',
        '--slug',
        'my-village',
        '--demo',
        '--owner-email',
        owner.email,
        '--owner-password',
        owner.password,
        '--yes',
      ],
      { cwd: work, env: { npm_config_update_notifier: 'false' } },
    ),
  );
  if (!check('create-terroir writes a site from its tarball', created.status === 0, created.status === 0 ? '' : tail(created.output)))
    throw new Error('no site');
  const scaffold = (folder, ...flags) =>
    run(
      'npm',
      [
        'exec',
        '--yes',
        `--package=${tarballOf['create-terroir']}`,
        '--',
        'create-terroir',
        folder,
        '--owner-email',
        owner.email,
        '--owner-password',
        owner.password,
        '--yes',
        ...flags,
      ],
      { cwd: work, env: { npm_config_update_notifier: 'false' } },
    );
  const busy = scaffold('my-village', '--slug', 'other-village');
  check(
    'create-terroir refuses a non-empty folder without --force',
    busy.status === 1 && /is not empty .*--force/.test(busy.output) && readFileSync(join(site, 'server.js'), 'utf8').includes('"slug":"my-village"'),
    tail(busy.output, 3),
  );
  const badSlug = scaffold('bad-slug-site', '--slug', 'Bad Slug');
  check(
    'create-terroir refuses an invalid slug, stating the rule',
    badSlug.status === 1 && /invalid slug "Bad Slug": a slug is/.test(badSlug.output) && !readdirSync(work).includes('bad-slug-site'),
    tail(badSlug.output, 3),
  );

  // Install the tarballs instead of the registry's @terroir versions: the same package.json a user gets, the deps swapped for files.
  const manifest = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8'));
  // Packages the site does not use (e.g. @terroir/client) are added too: the typecheck imports every entry.
  for (const name of Object.keys(tarballOf)) if (name !== 'create-terroir') manifest.dependencies[name] = `file:${tarballOf[name]}`;
  // Our packages depend on each other by range; overrides point those at the tarballs too.
  manifest.overrides = Object.fromEntries(
    Object.keys(manifest.dependencies)
      .filter((name) => name.startsWith('@terroir/'))
      .map((name) => [name, `$${name}`]),
  );
  manifest.devDependencies = { '@types/node': '^20.19.0' };
  writeFileSync(join(site, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const installed = await timed('npm install (one, shared)', async () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: site,
      env: { npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr', npm_config_update_notifier: 'false' },
    }),
  );
  if (!check('npm install of the tarballs (no workspace links)', installed.status === 0, installed.status === 0 ? '' : tail(installed.output)))
    throw new Error('install failed');

  // Typecheck: every public entry, strict, NodeNext, exactOptionalPropertyTypes, our .d.ts checked too.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const snippet = /## Mount it[^\n]*\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!check('README has a "Mount it" TypeScript snippet', !!snippet)) throw new Error('no snippet');
  writeFileSync(join(site, 'mount-snippet.ts'), snippet);
  writeFileSync(join(site, 'entries.ts'), consumerEntries(tarballOf));
  writeFileSync(
    join(site, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        noEmit: true,
        types: ['node'],
        lib: ['ES2023', 'DOM'],
      },
      files: ['mount-snippet.ts', 'entries.ts'],
    }),
  );
  const typecheck = await timed('consumer typecheck', async () => run(join(root, 'node_modules/.bin/tsc'), ['-p', join(site, 'tsconfig.json')], { cwd: site }));
  check(
    'consumer typechecks (NodeNext, strict, exactOptionalPropertyTypes, skipLibCheck off)',
    typecheck.status === 0,
    typecheck.status === 0 ? '' : `\n${tail(typecheck.output, 30)}`,
  );

  // The operator CLI, as `npx terroir` runs it from the installed tarball (bin with a shebang).
  const cliHelp = run('npx', ['--no-install', 'terroir', '--help'], { cwd: site });
  check(
    'npx terroir --help (bin of @terroir/server)',
    cliHelp.status === 0 && /usage: terroir <command>/.test(cliHelp.output) && /backup/.test(cliHelp.output),
    tail(cliHelp.output, 5),
  );
  const cliBad = run(
    'npx',
    ['--no-install', 'terroir', 'origins', 'add', 'https://x.example/path', '--coop', 'my-village', '--db', `file:${join(site, 'cli.sqlite')}`],
    { cwd: site },
  );
  check('npx terroir refuses a bad origin with exit 1 and the reason', cliBad.status === 1 && /invalid origin/.test(cliBad.output), tail(cliBad.output, 3));

  // A CommonJS consumer gets a clear error (we ship ESM only).
  const cjs = run(process.execPath, ['-e', "require('@terroir/core')"], { cwd: site });
  check(
    'require() of an ESM-only package fails with a clear error',
    cjs.status !== 0 && /ERR_REQUIRE_ESM|ERR_PACKAGE_PATH_NOT_EXPORTED|require\(\) of ES Module|No "exports" main defined/.test(cjs.output),
    tail(cjs.output, 2),
  );

  // Optional peers stay optional: nothing but the Stripe entry imports stripe (not installed here).
  const stripeEntry = run(process.execPath, ['--input-type=module', '-e', "await import('@terroir/server/stripe')"], { cwd: site });
  check(
    'without stripe installed, only @terroir/server/stripe fails, naming the package',
    stripeEntry.status !== 0 && /Cannot find package 'stripe'/.test(stripeEntry.output),
    tail(stripeEntry.output, 2),
  );

  // The "Mount it" snippet, verbatim, as plain JavaScript (it has no type annotations).
  writeFileSync(join(site, 'mount-snippet.mjs'), snippet);
  await timed('mount snippet run', async () => {
    const port = await freePort();
    const server = start(process.execPath, ['mount-snippet.mjs'], site, { PORT: String(port), DATABASE_URL: `file:${join(site, 'mount.sqlite')}` });
    try {
      const base = `http://127.0.0.1:${port}`;
      const up = await waitFor(`${base}/api/v1/coops/laiyang-pear/products?lang=en`, server);
      const products = up?.ok ? await up.json() : null;
      check('mount snippet: product list', Array.isArray(products?.items) && products.items.length > 0, up ? `status ${up.status}` : tail(server.output, 10));
      const bundle = await fetch(`${base}/widgets/v1/terroir.js`).catch(() => null);
      const bundleText = bundle?.ok ? await bundle.text() : '';
      check(
        'mount snippet: widget bundle',
        bundle?.status === 200 && /javascript/.test(bundle.headers.get('content-type') ?? '') && bundleText.includes('customElements'),
        `status ${bundle?.status}`,
      );
    } finally {
      await stop(server);
    }
  });

  // The scaffolded site, started the way its README says.
  await timed('scaffolded site run', async () => {
    const port = await freePort();
    const server = start('npm', ['start', '--silent'], site, { PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      const up = await waitFor(`${base}/api/v1/coops/laiyang-pear/products?lang=zh-CN`, server);
      check('site: demo products', up?.ok === true && (await up.json()).items?.length > 0, up ? `status ${up.status}` : tail(server.output, 10));
      const own = await fetch(`${base}/api/v1/coops/my-village`);
      check('site: the chosen cooperative exists', own.status === 200, `status ${own.status}`);
      const admin = await fetch(`${base}/admin/`);
      const html = await admin.text();
      check("site: admin app's HTML", admin.status === 200 && /<script[^>]+type="module"/.test(html), `status ${admin.status}`);
      const login = await fetch(`${base}/admin/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(owner),
      });
      const body = await login.json().catch(() => null);
      check(
        'site: the chosen owner logs in',
        login.status === 200 && body?.user?.email === owner.email && body.memberships?.some((m) => m.role === 'owner'),
        `status ${login.status} ${JSON.stringify(body).slice(0, 200)}`,
      );
      const wrong = await fetch(`${base}/admin/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ ...owner, password: 'not-the-password' }),
      });
      check('site: a wrong password is refused', wrong.status === 401, `status ${wrong.status}`);
      check('site: the one-time owner file is gone after the first start', !readdirSync(site).includes('.terroir-owner.json'));
    } finally {
      await stop(server);
    }
  });
} catch (error) {
  check('packaging checks ran to the end', false, error instanceof Error ? error.message : String(error));
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}

console.log(`\ntimings: ${timings.join(', ')}, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
const failed = results.filter((result) => !result.ok).length;
console.log(`packaging: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** A TypeScript file importing every public entry and using a few of its types, as a consumer would. */
function consumerEntries(tarballOf) {
  const lines = [];
  let index = 0;
  for (const name of Object.keys(tarballOf)) {
    if (name === 'create-terroir') continue;
    const manifest = JSON.parse(run('tar', ['-xzOf', tarballOf[name], 'package/package.json']).output);
    for (const key of Object.keys(manifest.exports ?? {})) {
      // The Stripe entry needs the optional `stripe` package, which this project leaves out on purpose.
      if (key === './package.json' || (name === '@terroir/server' && key === './stripe')) continue;
      lines.push(`import * as entry${index++} from '${key === '.' ? name : `${name}/${key.slice(2)}`}';`);
    }
  }
  lines.push(
    "import { openDatabase, type TerroirDatabase, type Locale } from '@terroir/core';",
    "import { createStorefront } from '@terroir/server';",
    'const locale: Locale = "zh-CN";',
    'const database: TerroirDatabase = await openDatabase({ url: ":memory:" });',
    'const storefront = createStorefront({ db: database.db });',
    'const response: Response = await storefront.request(`/v1/coops/none/products?lang=${locale}`);',
    `export const used = [response.status, ${Array.from({ length: index }, (_, i) => `entry${i}`).join(', ')}];`,
  );
  return `${lines.join('\n')}\n`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(cmd, args, cwd, env) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, HOST: '127.0.0.1', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const handle = { child, output: '', exited: false };
  child.stdout.on('data', (chunk) => (handle.output += chunk));
  child.stderr.on('data', (chunk) => (handle.output += chunk));
  child.on('exit', () => (handle.exited = true));
  children.add(child);
  return handle;
}

async function stop(handle) {
  if (handle.exited) return;
  const exited = new Promise((resolve) => handle.child.once('exit', resolve));
  // The whole group: `npm start` runs node as a child.
  try {
    process.kill(-handle.child.pid, 'SIGTERM');
  } catch {}
  const timer = setTimeout(() => {
    try {
      process.kill(-handle.child.pid, 'SIGKILL');
    } catch {}
  }, 5000);
  await exited;
  clearTimeout(timer);
  children.delete(handle.child);
}

async function waitFor(url, handle, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && !handle.exited) {
    const response = await fetch(url).catch(() => null);
    if (response) return response;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
