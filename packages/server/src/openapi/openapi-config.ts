/** The top of the generated OpenAPI document (everything else comes from the route definitions). */
import type { OpenAPIHono } from '@hono/zod-openapi';

/** OpenAPI 3.1 `license` with its SPDX identifier (the config type only knows 3.0's name + url). */
const MIT_LICENSE = { name: 'MIT', identifier: 'MIT' };

export const openApiConfig: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Terroir storefront API',
    version: '1.0.0',
    description:
      'Public read API of a Terroir cooperative: products beside the heritage stories behind them, in zh-CN and en. ' +
      'Errors are `{ error: { code, message, field?, issues? } }`; reads carry ETag and Cache-Control.',
    license: MIT_LICENSE,
  },
  servers: [{ url: '/api', description: 'Where the demo site mounts the storefront.' }],
};
