import type { Hono } from 'hono';
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
import { z } from 'zod';
import { requireRole, requireSession, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { apiTokenSchema, memberRoleSchema, memberSchema, settingsSchema } from './admin-schemas';

export const COOP = '/admin/api/coops/:coop';

const idParam = (value: string | undefined) => {
  if (!value || !/^[a-z]{2,5}_[A-Za-z0-9_-]{1,40}$/.test(value)) throw notFound();
  return value;
};
export { idParam };

/** Settings, members, API tokens and the audit log of one cooperative. */
export function registerWorkspaceRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.get(`${COOP}/settings`, requireRole('owner', 'editor', 'fulfilment'), (c) => {
    const { id, slug, ...settings } = c.get('coop');
    return c.json({ settings: { id, slug, ...settings } });
  });

  app.patch(`${COOP}/settings`, requireRole('owner'), async (c) => {
    const coop = c.get('coop');
    const { id: _id, slug: _slug, ...current } = coop;
    const merged = parseWith(settingsSchema, await readPatch(c, current));
    await ctx.db.transaction().execute(async (trx) => {
      const outcome = await updateCooperativeSettings(trx, coop.id, merged);
      if (outcome === 'currency_in_use') throw new AdminError(409, 'currency_in_use', 'Variants are priced in the current currency; change them first.', 'currency');
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'settings.update', entity: 'cooperative', entityId: coop.id, before: current, after: merged });
    });
    return c.json({ settings: { id: coop.id, slug: coop.slug, ...merged } });
  });

  // People and credentials: owners only, and only from a logged-in session (a leaked
  // token must not be able to mint more tokens or add members).
  app.get(`${COOP}/members`, requireRole('owner'), async (c) => c.json({ items: await listMembers(ctx.db, c.get('coop').id) }));

  app.post(`${COOP}/members`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, memberSchema);
    let user = await findUserByEmail(ctx.db, input.email);
    if (user && (await roleIn(ctx.db, user.id, coop.id))) throw new AdminError(409, 'already_member', 'This person is a member already.', 'email');
    await ctx.db.transaction().execute(async (trx) => {
      if (!user) {
        if (!input.password) throw new AdminError(422, 'password_required', 'Set a first password for a new account.', 'password');
        try {
          user = await createUser(trx, { email: input.email, password: input.password, displayName: input.displayName, scryptParams: ctx.scryptParams });
        } catch (error) {
          if (error instanceof AccountError) throw new AdminError(error.code === 'email_taken' ? 409 : 422, error.code, error.message, error.field);
          throw error;
        }
      }
      await setMembership(trx, user.id, coop.id, input.role);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'member.add', entity: 'membership', entityId: user.id, after: { email: user.email, role: input.role } });
    });
    return c.json({ member: { ...user!, role: input.role } }, 201);
  });

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
