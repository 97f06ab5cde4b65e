import type { Hono } from 'hono';
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
import { z } from 'zod';
import { requireRole, requireSession, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { apiTokenSchema, memberRoleSchema, settingsSchema } from './admin-schemas';
import { securitySettingsSchema } from './security-schemas';

export const COOP = '/admin/api/coops/:coop';

const idParam = (value: string | undefined) => {
  if (!value || !/^[a-z]{2,5}_[A-Za-z0-9_-]{1,40}$/.test(value)) throw notFound();
  return value;
};
export { idParam };

/** Settings, members, API tokens and the audit log of one cooperative. */
export function registerWorkspaceRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.get(`${COOP}/settings`, requireRole('owner', 'editor', 'fulfilment'), async (c) => {
    const { id, slug, ...settings } = c.get('coop');
    return c.json({ settings: { id, slug, ...settings, ...(await getCooperativeSecurity(ctx.db, id)) } });
  });

  app.patch(`${COOP}/settings`, requireRole('owner'), async (c) => {
    const coop = c.get('coop');
    const { id: _id, slug: _slug, ...current } = coop;
    const securityBefore = await getCooperativeSecurity(ctx.db, coop.id);
    const { requireOwnerTwoFactor, ...patched } = await readPatch(c, current);
    const merged = parseWith(settingsSchema, patched);
    const security = { ...securityBefore, ...parseWith(securitySettingsSchema, { requireOwnerTwoFactor }) };
    const auth = c.get('auth');
    // An owner who turns the requirement on without two-factor would lock themselves out.
    if (security.requireOwnerTwoFactor && !securityBefore.requireOwnerTwoFactor && (auth.kind !== 'session' || !(await hasTwoFactor(ctx.db, auth.user.id)))) {
      throw new AdminError(409, 'two_factor_required', 'Turn on two-factor for your own account before requiring it of every owner.', 'requireOwnerTwoFactor');
    }
    await ctx.db.transaction().execute(async (trx) => {
      const outcome = await updateCooperativeSettings(trx, coop.id, merged);
      if (outcome === 'currency_in_use') throw new AdminError(409, 'currency_in_use', 'Variants are priced in the current currency; change them first.', 'currency');
      if (security.requireOwnerTwoFactor !== securityBefore.requireOwnerTwoFactor) await setCooperativeSecurity(trx, coop.id, security);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'settings.update', entity: 'cooperative', entityId: coop.id, before: { ...current, ...securityBefore }, after: { ...merged, ...security } });
    });
    return c.json({ settings: { id: coop.id, slug: coop.slug, ...merged, ...security } });
  });

  // People and credentials: owners only, and only from a logged-in session (a leaked
  // token must not be able to mint more tokens or add members).
  app.get(`${COOP}/members`, requireRole('owner'), async (c) => c.json({ items: await listMembers(ctx.db, c.get('coop').id) }));

  // No POST …/members: adding a person takes their consent, through an invitation they
  // accept (invitation-routes.ts). Adding an existing account directly let any owner pull
  // anyone into their cooperative and learn their name and sign-up date (issue 14 #5).

  app.patch(`${COOP}/members/:userId`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    const { role } = await readJson(c, memberRoleSchema);
    await changeMembership(ctx, coop.id, userId, role);
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.update', entity: 'membership', entityId: userId, before: { role: before }, after: { role } });
    return c.json({ member: { id: userId, role } });
  });

  app.delete(`${COOP}/members/:userId`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const userId = idParam(c.req.param('userId'));
    const before = await roleIn(ctx.db, userId, coop.id);
    if (!before) throw notFound();
    await changeMembership(ctx, coop.id, userId, null);
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.remove', entity: 'membership', entityId: userId, before: { role: before } });
    return c.body(null, 204);
  });

  app.get(`${COOP}/tokens`, requireRole('owner'), async (c) => c.json({ items: await listApiTokens(ctx.db, c.get('coop').id) }));

  app.post(`${COOP}/tokens`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, apiTokenSchema);
    const actor = c.get('actor');
    const { token, secret } = await createApiToken(ctx.db, { cooperativeId: coop.id, role: input.role, name: input.name, createdBy: actor.kind === 'user' ? actor.userId : undefined });
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor, action: 'token.create', entity: 'api_token', entityId: token.id, after: { name: token.name, role: token.role } });
    // The only time the secret is shown.
    return c.json({ token, secret }, 201);
  });

  app.delete(`${COOP}/tokens/:tokenId`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const tokenId = idParam(c.req.param('tokenId'));
    if (!(await revokeApiToken(ctx.db, coop.id, tokenId))) throw notFound();
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'token.revoke', entity: 'api_token', entityId: tokenId });
    return c.body(null, 204);
  });

  app.get(`${COOP}/audit`, requireRole('owner'), async (c) => {
    const query = readQuery(c, z.object({ limit: z.coerce.number().int().min(1).max(200).optional(), cursor: z.string().max(200).optional() }));
    return c.json(await listAudit(ctx.db, c.get('coop').id, query));
  });
}

async function changeMembership(ctx: AdminContext, coopId: string, userId: string, role: Parameters<typeof updateMembership>[3]) {
  try {
    await updateMembership(ctx.db, coopId, userId, role);
  } catch (error) {
    if (error instanceof AccountError) throw new AdminError(error.code === 'not_found' ? 404 : 409, error.code, error.message, error.field);
    throw error;
  }
}
