import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  AccountError,
  createApiToken,
  getCooperativeSecurity,
  hasTwoFactor,
  listApiTokens,
  listAudit,
  listMembers,
  recordAudit,
  revokeApiToken,
  roleIn,
  setCooperativeSecurity,
  updateCooperativeSettings,
  updateMembership,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { text } from '../http/text-schemas';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith, patchSchemaOf } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, PageSchema, pathParams, RecordSchema, valid } from './admin-openapi';
import { ApiTokenRecord, AuditPage, SettingsRecord } from './admin-records';
import { apiTokenSchema, memberRoleSchema, settingsSchema } from './admin-schemas';
import { securitySettingsSchema } from './security-schemas';

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
const SettingsBody = z.object({ settings: SettingsRecord.extend({ requireOwnerTwoFactor: z.boolean() }) });
/** The settings patch, plus the security flag kept in its own table. */
const settingsPatchSchema = patchSchemaOf(settingsSchema).extend({ requireOwnerTwoFactor: securitySettingsSchema.shape.requireOwnerTwoFactor.nullable() });
const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ type: 'integer', minimum: 1, maximum: 200 }),
  cursor: text(200).optional(),
});

const routes = {
  getSettings: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/settings`,
    operationId: 'getSettings',
    tag,
    summary: 'The cooperative’s settings',
    access: ALL,
    params: pathParams(),
    ok: { status: 200, schema: SettingsBody, description: 'Settings.' },
  }),
  updateSettings: adminRoute({
    method: 'patch',
    path: `${COOP_PATH}/settings`,
    operationId: 'updateSettings',
    tag,
    summary: 'Edit settings (JSON merge patch)',
    description:
      '`requireOwnerTwoFactor: true` makes two-factor sign-in compulsory for the cooperative’s owners (409 `two_factor_required` unless the caller has it on).',
    access: OWNER,
    params: pathParams(),
    body: settingsPatchSchema,
    ok: { status: 200, schema: SettingsBody, description: 'Settings as saved.' },
    errors: [409],
  }),
  listMembers: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/members`,
    operationId: 'listMembers',
    tag,
    summary: 'Members and their roles',
    access: OWNER,
    params: pathParams(),
    ok: { status: 200, schema: PageSchema, description: 'Members.' },
  }),
  updateMember: adminRoute({
    method: 'patch',
    path: `${COOP_PATH}/members/{userId}`,
    operationId: 'updateMember',
    tag,
    summary: 'Change a member’s role',
    access: PEOPLE,
    params: pathParams('userId'),
    body: memberRoleSchema,
    ok: { status: 200, schema: z.object({ member: RecordSchema }), description: 'The new role.' },
    errors: [409],
  }),
  removeMember: adminRoute({
    method: 'delete',
    path: `${COOP_PATH}/members/{userId}`,
    operationId: 'removeMember',
    tag,
    summary: 'Remove a member',
    access: PEOPLE,
    params: pathParams('userId'),
    ok: { status: 204, description: 'Removed.' },
    errors: [409],
  }),
  listTokens: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/tokens`,
    operationId: 'listApiTokens',
    tag,
    summary: 'API tokens (never their secrets)',
    access: OWNER,
    params: pathParams(),
    ok: { status: 200, schema: z.object({ items: z.array(ApiTokenRecord) }), description: 'Tokens.' },
  }),
  createToken: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/tokens`,
    operationId: 'createApiToken',
    tag,
    summary: 'Create an API token (the secret is shown once)',
    access: PEOPLE,
    params: pathParams(),
    body: apiTokenSchema,
    ok: { status: 201, schema: z.object({ token: ApiTokenRecord, secret: z.string() }), description: 'The token and its secret.' },
  }),
  revokeToken: adminRoute({
    method: 'delete',
    path: `${COOP_PATH}/tokens/{tokenId}`,
    operationId: 'revokeApiToken',
    tag,
    summary: 'Revoke an API token',
    access: PEOPLE,
    params: pathParams('tokenId'),
    ok: { status: 204, description: 'Revoked.' },
  }),
  audit: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/audit`,
    operationId: 'listAudit',
    tag,
    summary: 'The audit log, newest first',
    access: OWNER,
    params: pathParams(),
    query: auditQuery,
    ok: { status: 200, schema: AuditPage, description: 'Audit entries.' },
  }),
};

/** Settings, members, API tokens and the audit log of one cooperative. */
export function registerWorkspaceRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  app.openapi(routes.getSettings, async (c) => {
    const { id, slug, ...settings } = c.get('coop');
    return c.json({ settings: { id, slug, ...settings, ...(await getCooperativeSecurity(ctx.db, id)) } }, 200);
  });

  app.openapi(routes.updateSettings, async (c) => {
    const coop = c.get('coop');
    const { id: _id, slug: _slug, ...current } = coop;
    const { requireOwnerTwoFactor, ...patch } = valid(c, 'json', settingsPatchSchema);
    const merged = parseWith(settingsSchema, mergePatch(current, patch));
    const securityBefore = await getCooperativeSecurity(ctx.db, coop.id);
    const security = { requireOwnerTwoFactor: typeof requireOwnerTwoFactor === 'boolean' ? requireOwnerTwoFactor : securityBefore.requireOwnerTwoFactor };
    const auth = c.get('auth');
    // An owner who turns the requirement on without two-factor would lock themselves out.
    if (security.requireOwnerTwoFactor && !securityBefore.requireOwnerTwoFactor && (auth.kind !== 'session' || !(await hasTwoFactor(ctx.db, auth.user.id)))) {
      throw new ApiError(409, { code: 'two_factor_required', message: errorMessage('two_factor_first'), field: 'requireOwnerTwoFactor' });
    }
    await ctx.db.transaction().execute(async (trx) => {
      const outcome = await updateCooperativeSettings(trx, coop.id, merged);
      if (outcome === 'currency_in_use') throw new ApiError(409, { code: 'currency_in_use', field: 'currency' });
      if (security.requireOwnerTwoFactor !== securityBefore.requireOwnerTwoFactor) await setCooperativeSecurity(trx, coop.id, security);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'settings.update',
        entity: 'cooperative',
        entityId: coop.id,
        before: { ...current, ...securityBefore },
        after: { ...merged, ...security },
      });
    });
    return c.json({ settings: { id: coop.id, slug: coop.slug, ...merged, ...security } }, 200);
  });

  app.openapi(routes.listMembers, async (c) => c.json({ items: await listMembers(ctx.db, c.get('coop').id) }, 200));

  // No POST …/members: adding a person takes their consent, through an invitation they
  // accept (invitation-routes.ts). Adding an existing account directly let any owner pull
  // anyone into their cooperative and learn their name and sign-up date (issue 14 #5).

  app.openapi(routes.updateMember, async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    const { role } = valid(c, 'json', memberRoleSchema);
    await changeMembership(ctx, coop.id, userId, role);
    await recordAudit(ctx.db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'member.update',
      entity: 'membership',
      entityId: userId,
      before: { role: before },
      after: { role },
    });
    return c.json({ member: { id: userId, role } }, 200);
  });

  app.openapi(routes.removeMember, async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    await changeMembership(ctx, coop.id, userId, null);
    await recordAudit(ctx.db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'member.remove',
      entity: 'membership',
      entityId: userId,
      before: { role: before },
    });
    return c.body(null, 204);
  });

  app.openapi(routes.listTokens, async (c) => c.json({ items: await listApiTokens(ctx.db, c.get('coop').id) }, 200));

  app.openapi(routes.createToken, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', apiTokenSchema);
    const actor = c.get('actor');
    const { token, secret } = await createApiToken(ctx.db, {
      cooperativeId: coop.id,
      role: input.role,
      name: input.name,
      createdBy: actor.kind === 'user' ? actor.userId : undefined,
    });
    await recordAudit(ctx.db, {
      cooperativeId: coop.id,
      actor,
      action: 'token.create',
      entity: 'api_token',
      entityId: token.id,
      after: { name: token.name, role: token.role },
    });
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
    if (error instanceof AccountError)
      throw new ApiError(error.code === 'not_found' ? 404 : 409, { code: error.code, message: error.message, field: error.field });
    throw error;
  }
}
