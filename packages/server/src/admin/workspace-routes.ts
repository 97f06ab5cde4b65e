import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  AccountError,
  createApiToken,
  createUser,
  findUserByEmail,
  listApiTokens,
  listAudit,
  listMembers,
  recordAudit,
  revokeApiToken,
  roleIn,
  setMembership,
  updateCooperativeSettings,
  updateMembership,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import { text } from '../http/text-schemas';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith, patchSchemaOf } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, PageSchema, pathParams, RecordSchema, valid } from './admin-openapi';
import { ApiTokenRecord, AuditPage, SettingsRecord } from './admin-records';
import { apiTokenSchema, memberRoleSchema, memberSchema, settingsSchema } from './admin-schemas';

/** The per-cooperative prefix in Hono's form, for middleware and plain routes. */
export const COOP = '/admin/api/coops/:coop';

/**
 * An id from the path, or a 404 (never a 400: a malformed id of another tenant's looks like any other missing record).
 *
 * @example
 * const id = idParam(c.req.param('id'));
 */
export function idParam(value: string | undefined): string {
  if (!value || !/^[a-z]{2,5}_[A-Za-z0-9_-]{1,40}$/.test(value)) throw notFound();
  return value;
}

const tag = 'Workspace';
const ALL = { roles: ['owner' as const, 'editor' as const, 'fulfilment' as const] };
/** People and credentials: owners only, and only from a logged-in session (a leaked token must not mint more tokens or add members). */
const PEOPLE = { roles: ['owner' as const], sessionOnly: true };
const OWNER = { roles: ['owner' as const] };
const SettingsBody = z.object({ settings: SettingsRecord });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ type: 'integer', minimum: 1, maximum: 200 }),
  cursor: text(200).optional(),
});

const routes = {
  getSettings: adminRoute({ method: 'get', path: `${COOP_PATH}/settings`, operationId: 'getSettings', tag, summary: 'The cooperative’s settings', access: ALL, params: pathParams(), ok: { status: 200, schema: SettingsBody, description: 'Settings.' } }),
  updateSettings: adminRoute({ method: 'patch', path: `${COOP_PATH}/settings`, operationId: 'updateSettings', tag, summary: 'Edit settings (JSON merge patch)', access: OWNER, params: pathParams(), body: patchSchemaOf(settingsSchema), ok: { status: 200, schema: SettingsBody, description: 'Settings as saved.' }, errors: [409] }),
  listMembers: adminRoute({ method: 'get', path: `${COOP_PATH}/members`, operationId: 'listMembers', tag, summary: 'Members and their roles', access: OWNER, params: pathParams(), ok: { status: 200, schema: PageSchema, description: 'Members.' } }),
  addMember: adminRoute({ method: 'post', path: `${COOP_PATH}/members`, operationId: 'addMember', tag, summary: 'Add a member', access: PEOPLE, params: pathParams(), body: memberSchema, ok: { status: 201, schema: z.object({ member: RecordSchema }), description: 'Added.' }, errors: [409, 422] }),
  updateMember: adminRoute({ method: 'patch', path: `${COOP_PATH}/members/{userId}`, operationId: 'updateMember', tag, summary: 'Change a member’s role', access: PEOPLE, params: pathParams('userId'), body: memberRoleSchema, ok: { status: 200, schema: z.object({ member: RecordSchema }), description: 'The new role.' }, errors: [409] }),
  removeMember: adminRoute({ method: 'delete', path: `${COOP_PATH}/members/{userId}`, operationId: 'removeMember', tag, summary: 'Remove a member', access: PEOPLE, params: pathParams('userId'), ok: { status: 204, description: 'Removed.' }, errors: [409] }),
  listTokens: adminRoute({ method: 'get', path: `${COOP_PATH}/tokens`, operationId: 'listApiTokens', tag, summary: 'API tokens (never their secrets)', access: OWNER, params: pathParams(), ok: { status: 200, schema: z.object({ items: z.array(ApiTokenRecord) }), description: 'Tokens.' } }),
  createToken: adminRoute({ method: 'post', path: `${COOP_PATH}/tokens`, operationId: 'createApiToken', tag, summary: 'Create an API token (the secret is shown once)', access: PEOPLE, params: pathParams(), body: apiTokenSchema, ok: { status: 201, schema: z.object({ token: ApiTokenRecord, secret: z.string() }), description: 'The token and its secret.' } }),
  revokeToken: adminRoute({ method: 'delete', path: `${COOP_PATH}/tokens/{tokenId}`, operationId: 'revokeApiToken', tag, summary: 'Revoke an API token', access: PEOPLE, params: pathParams('tokenId'), ok: { status: 204, description: 'Revoked.' } }),
  audit: adminRoute({ method: 'get', path: `${COOP_PATH}/audit`, operationId: 'listAudit', tag, summary: 'The audit log, newest first', access: OWNER, params: pathParams(), query: auditQuery, ok: { status: 200, schema: AuditPage, description: 'Audit entries.' } }),
};

/** Settings, members, API tokens and the audit log of one cooperative. */
export function registerWorkspaceRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  app.openapi(routes.getSettings, (c) => {
    const { id, slug, ...settings } = c.get('coop');
    return c.json({ settings: { id, slug, ...settings } }, 200);
  });

  app.openapi(routes.updateSettings, async (c) => {
    const coop = c.get('coop');
    const { id: _id, slug: _slug, ...current } = coop;
    const merged = parseWith(settingsSchema, mergePatch(current, valid(c, 'json', patchSchemaOf(settingsSchema))));
    await ctx.db.transaction().execute(async (trx) => {
      const outcome = await updateCooperativeSettings(trx, coop.id, merged);
      if (outcome === 'currency_in_use') throw new ApiError(409, { code: 'currency_in_use', field: 'currency' });
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'settings.update', entity: 'cooperative', entityId: coop.id, before: current, after: merged });
    });
    return c.json({ settings: { id: coop.id, slug: coop.slug, ...merged } }, 200);
  });

  app.openapi(routes.listMembers, async (c) => c.json({ items: await listMembers(ctx.db, c.get('coop').id) }, 200));

  app.openapi(routes.addMember, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', memberSchema);
    let user = await findUserByEmail(ctx.db, input.email);
    if (user && (await roleIn(ctx.db, user.id, coop.id))) throw new ApiError(409, { code: 'already_member', field: 'email' });
    await ctx.db.transaction().execute(async (trx) => {
      if (!user) {
        if (!input.password) throw new ApiError(422, { code: 'password_required', field: 'password' });
        try {
          user = await createUser(trx, { email: input.email, password: input.password, displayName: input.displayName, scryptParams: ctx.scryptParams });
        } catch (error) {
          if (error instanceof AccountError) throw new ApiError(error.code === 'email_taken' ? 409 : 422, { code: error.code, message: error.message, field: error.field });
          throw error;
        }
      }
      await setMembership(trx, user.id, coop.id, input.role);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.add', entity: 'membership', entityId: user.id, after: { email: user.email, role: input.role } });
    });
    return c.json({ member: { ...user!, role: input.role } }, 201);
  });

  app.openapi(routes.updateMember, async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    const { role } = valid(c, 'json', memberRoleSchema);
    await changeMembership(ctx, coop.id, userId, role);
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.update', entity: 'membership', entityId: userId, before: { role: before }, after: { role } });
    return c.json({ member: { id: userId, role } }, 200);
  });

  app.openapi(routes.removeMember, async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    await changeMembership(ctx, coop.id, userId, null);
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.remove', entity: 'membership', entityId: userId, before: { role: before } });
    return c.body(null, 204);
  });

  app.openapi(routes.listTokens, async (c) => c.json({ items: await listApiTokens(ctx.db, c.get('coop').id) }, 200));

  app.openapi(routes.createToken, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', apiTokenSchema);
    const actor = c.get('actor');
    const { token, secret } = await createApiToken(ctx.db, { cooperativeId: coop.id, role: input.role, name: input.name, createdBy: actor.kind === 'user' ? actor.userId : undefined });
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor, action: 'token.create', entity: 'api_token', entityId: token.id, after: { name: token.name, role: token.role } });
    // The only time the secret is shown.
    return c.json({ token, secret }, 201);
  });

  app.openapi(routes.revokeToken, async (c) => {
    const coop = c.get('coop');
    const tokenId = idParam(c.req.param('tokenId'));
    if (!(await revokeApiToken(ctx.db, coop.id, tokenId))) throw notFound();
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'token.revoke', entity: 'api_token', entityId: tokenId });
    return c.body(null, 204);
  });

  app.openapi(routes.audit, async (c) => c.json(await listAudit(ctx.db, c.get('coop').id, valid(c, 'query', auditQuery)), 200));
}

async function changeMembership(ctx: AdminContext, coopId: string, userId: string, role: Parameters<typeof updateMembership>[3]) {
  try {
    await updateMembership(ctx.db, coopId, userId, role);
  } catch (error) {
    if (error instanceof AccountError) throw new ApiError(error.code === 'not_found' ? 404 : 409, { code: error.code, message: error.message, field: error.field });
    throw error;
  }
}
