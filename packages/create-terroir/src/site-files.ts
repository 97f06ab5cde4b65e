import type { SiteOptions } from './site-options';

/** The files of a new site, by path relative to its folder. */
export type SiteFiles = Record<string, string>;

/** The name of the one-time file holding the owner's login until the first start creates the account. */
export const OWNER_SETUP_FILE = '.terroir-owner.json';

/**
 * The files of a new village site: a package.json depending on the published @terroir
 * packages (`^version` ranges), a `server.js` mounting storefront, widgets, pages, the admin
 * API and the admin app, a README, a .gitignore and the one-time owner file.
 *
 * @example
 * const files = siteFiles({ directory: 'my-village', name: 'My village', slug: 'my-village', demo: false, ownerEmail: 'me@example.org', ownerPassword: 'a long password', force: false }, '0.1.0');
 */
export function siteFiles(options: SiteOptions, terroirVersion: string): SiteFiles {
  const range = `^${terroirVersion}`;
  const packageName = options.slug;
  const manifest = {
    name: packageName,
    version: '0.1.0',
    private: true,
    description: `${options.name}: a Terroir village site`,
    type: 'module',
    engines: { node: '>=20.11' },
    scripts: { start: 'node server.js' },
    dependencies: {
      '@hono/node-server': '^2.1.8',
      '@terroir/admin-app': range,
      '@terroir/core': range,
      '@terroir/pages': range,
      '@terroir/server': range,
      '@terroir/widgets': range,
      'better-sqlite3': '^12.11.1',
      hono: '^4.13.0',
      kysely: '^0.28.19',
      sharp: '^0.35.5',
      zod: '^4.6.7',
    },
  };
  return {
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    'server.js': serverScript(options),
    'README.md': readme(options),
    '.gitignore': 'node_modules/\ndata/\n.terroir-owner.json\n',
    [OWNER_SETUP_FILE]: `${JSON.stringify({ email: options.ownerEmail, password: options.ownerPassword }, null, 2)}\n`,
  };
}

function serverScript(options: SiteOptions): string {
  const config = { slug: options.slug, name: options.name, demo: options.demo };
  return `// ${options.name}: a Terroir village site. \`npm start\` serves it on http://localhost:8787
// (PORT and HOST change the address, DATABASE_URL the database: SQLite file by default,
// postgres://… for PostgreSQL after \`npm install pg\`). Docs: https://www.npmjs.com/package/@terroir/server
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createCooperative, createUser, findUserByEmail, loadCooperativeBySlug, LocalDiskStorage, openDatabase, roleIn, setMembership } from '@terroir/core';
import { DEMO_COOP_SLUG, seedDemoVillage } from '@terroir/core/seed';
import { createStorefront, fulfilmentRoutes } from '@terroir/server';
import { mediaFiles } from '@terroir/server/admin';
import { widgetAssets } from '@terroir/widgets/serve';
import { createPages } from '@terroir/pages';
import { adminApp } from '@terroir/admin-app';

const SITE = ${JSON.stringify(config)};

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const port = Number(process.env.PORT || 8787);
const hostname = process.env.HOST || '127.0.0.1';
const publicUrl = (process.env.PUBLIC_URL || \`http://localhost:\${port}\`).replace(/\\/+$/, '');
const { db, close } = await openDatabase({ url: process.env.DATABASE_URL || \`file:\${here('./data/village.sqlite')}\` });

// The cooperative, created on the first start (a second start changes nothing).
let coop = await loadCooperativeBySlug(db, SITE.slug);
coop ??= await createCooperative(db, { slug: SITE.slug, name: { 'zh-CN': SITE.name, en: SITE.name }, description: { 'zh-CN': '', en: '' }, place: { name: { 'zh-CN': SITE.name, en: SITE.name } }, contact: {}, allowedOrigins: [] });
if (SITE.demo) await seedDemoVillage(db);
const shown = SITE.demo ? DEMO_COOP_SLUG : SITE.slug;

// The owner's login waits in a one-time file until this first start creates the account.
const ownerFile = here('./.terroir-owner.json');
if (existsSync(ownerFile)) {
  const { email, password } = JSON.parse(readFileSync(ownerFile, 'utf8'));
  const owner = (await findUserByEmail(db, email)) ?? (await createUser(db, { email, password, displayName: email }));
  for (const slug of new Set([SITE.slug, shown])) {
    const member = await loadCooperativeBySlug(db, slug);
    if (member && !(await roleIn(db, owner.id, member.id))) await setMembership(db, owner.id, member.id, 'owner');
  }
  rmSync(ownerFile);
  console.log(\`Owner account ready: \${email} (log in at \${publicUrl}/admin/)\`);
}

const app = new Hono();
const storefront = createStorefront({ db });
storefront.route('/', fulfilmentRoutes({ db, checkoutEnabled: false }));
app.route('/api', storefront);
app.route('/widgets', widgetAssets());
const uploads = new LocalDiskStorage({ folder: here('./data/uploads'), publicPath: '/uploads' });
app.route('/', adminApp({ db, cookie: { name: 'terroir_session', secure: publicUrl.startsWith('https://') }, media: { storage: uploads } }));
app.route('/', mediaFiles({ storage: uploads, path: '/uploads' }));
app.route('/', createPages({ db, coop: shown, baseUrl: publicUrl }));

const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(\`\${SITE.name}: http://localhost:\${info.port}/  API: http://localhost:\${info.port}/api/v1/coops/\${shown}/products  Admin: http://localhost:\${info.port}/admin/\`);
});
const stop = () => server.close(() => void close().then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
`;
}

function readme(options: SiteOptions): string {
  return `# ${options.name}

A village site made with [Terroir](https://www.npmjs.com/package/@terroir/server) (\`npm create terroir\`).

\`\`\`sh
npm install
npm start        # http://localhost:8787  ·  admin: http://localhost:8787/admin/
\`\`\`

- Storefront API: \`/api/v1/coops/${options.slug}/products\`
- Widgets for any page: \`<script type="module" src="http://localhost:8787/widgets/v1/terroir.js"></script>\`
- Product, story and village pages: \`/\`
- The cooperative's workspace: \`/admin/\` (log in with the owner email you chose; the password is
  kept only until the first start, which creates the account and deletes \`.terroir-owner.json\`)

Data lives in \`data/village.sqlite\` and uploads in \`data/uploads/\`. Set \`DATABASE_URL=postgres://…\`
(after \`npm install pg\`) for PostgreSQL, \`PORT\`/\`HOST\` for the address and \`PUBLIC_URL\` for the
address people use (canonical links, sitemap, QR codes).

## 中文

\`npm install\` 后 \`npm start\`，打开 http://localhost:8787 。管理后台在 /admin/，用创建时填写的邮箱和密码登录（密码只在首次启动前保存在 \`.terroir-owner.json\` 中，首次启动创建账号后即删除）。数据保存在 \`data/\` 目录。
`;
}
