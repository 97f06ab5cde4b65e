import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@terroir/core';
import { createAdminApi } from '../admin/admin-api';
import { ADMIN_OPENAPI_PATH } from '../admin/admin-openapi-config';
import { ADMIN_OPENAPI_DOCUMENT_PATH, adminOpenApiText } from './admin-openapi-document';

describe('checked-in admin OpenAPI document', () => {
  it('matches the document generated from the route definitions', async () => {
    const generated = await adminOpenApiText();
    const checkedIn = readFileSync(ADMIN_OPENAPI_DOCUMENT_PATH, 'utf8');
    // On failure: `npx tsx packages/server/scripts/write-openapi.ts`, review the diff, commit docs/admin-openapi.json.
    expect(checkedIn, 'docs/admin-openapi.json is stale: run `npx tsx packages/server/scripts/write-openapi.ts`').toBe(generated);
  });

  it('declares the security schemes and uses them on every route but the public sign-in ones', async () => {
    const doc = JSON.parse(await adminOpenApiText());
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toMatchObject({
      sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-terroir_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      apiToken: { type: 'http', scheme: 'bearer' },
    });
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>)) {
      for (const [method, operation] of Object.entries(item)) {
        // Public writes: the login, its second step, and accepting an invitation (which may
        // create the account) — each checks the Origin itself.
        if (method === 'post' && ['/admin/api/session', '/admin/api/session/two-factor', '/admin/api/invitations/accept'].includes(path))
          expect(operation.security).toEqual([]);
        else expect(operation.security.length, `${method} ${path}`).toBeGreaterThan(0);
        // Writes by cookie need the CSRF header next to it.
        if (method !== 'get' && operation.security.length > 0)
          expect(operation.security, `${method} ${path}`).toContainEqual(expect.objectContaining({ sessionCookie: [], csrfToken: [] }));
      }
    }
    // People and credentials: no API token.
    expect(doc.paths['/admin/api/coops/{coop}/tokens'].post.security).toEqual([{ sessionCookie: [], csrfToken: [] }]);
  });

  it('documents request schemas and the error answers of a write', async () => {
    const doc = JSON.parse(await adminOpenApiText());
    const create = doc.paths['/admin/api/coops/{coop}/products'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '413', '415', '422']));
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['slug', 'category', 'title']));
    expect(body.additionalProperties).toBe(false);
    expect(doc.paths['/admin/api/coops/{coop}/import'].post.requestBody.content).toHaveProperty(['text/csv']);
    expect(doc.paths['/admin/api/coops/{coop}/media'].post.requestBody.content).toHaveProperty(['multipart/form-data']);
  });

  it(`is served at ${ADMIN_OPENAPI_PATH} without a session`, async () => {
    const database = await openDatabase({ url: ':memory:', migrate: false });
    try {
      const response = await createAdminApi({ db: database.db }).request(ADMIN_OPENAPI_PATH);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const served = await response.json();
      expect(served).toEqual(JSON.parse(await adminOpenApiText()));
    } finally {
      await database.close();
    }
  });
});
