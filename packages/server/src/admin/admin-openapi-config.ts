import type { OpenAPIHono } from '@hono/zod-openapi';

/** Where the admin API serves its OpenAPI document (public: it describes the API and holds no data). */
/** OpenAPI 3.1 `license` with its SPDX identifier (the config type only knows 3.0's name + url). */
const MIT_LICENSE = { name: 'MIT', identifier: 'MIT' };

export const ADMIN_OPENAPI_PATH = '/admin/api/openapi.json';

/** The top of the admin OpenAPI document (everything else comes from the route definitions). */
export const adminOpenApiConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Terroir admin API',
    version: '1.0.0',
    description:
      'The cooperative workspace: sessions, settings, members, API tokens, catalog, stories, media, CSV, orders and fulfilment. ' +
      'Every answer is JSON (CSV exports aside) with `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`; ' +
      'errors are `{ error: { code, message, field?, issues? } }` (see docs/api.md for every status and code). ' +
      'Authenticate with the session cookie plus `X-CSRF-Token` on writes, or an API token as `Authorization: Bearer`.',
    license: MIT_LICENSE,
  },
  servers: [{ url: '/', description: 'The site that mounts the admin app (its paths include /admin/api).' }],
  tags: [
    { name: 'Session', description: 'Log in and out, change the password, who am I.' },
    { name: 'Workspace', description: 'Settings, members, API tokens and the audit log.' },
    { name: 'Catalog', description: 'Producers, products, variants and stock.' },
    { name: 'Stories', description: 'Heritage stories and their links.' },
    { name: 'Media', description: 'The media library.' },
    { name: 'CSV', description: 'Import and export.' },
    { name: 'Orders', description: 'Orders, fulfilment moves and refunds.' },
    { name: 'Fulfilment', description: 'Pickup points, delivery options, checkout settings.' },
  ],
};
