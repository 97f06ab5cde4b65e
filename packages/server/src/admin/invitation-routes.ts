import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import {
  AccountError,
  acceptInvitation,
  createInvitation,
  csrfTokenFor,
  listPendingInvitations,
  recordAudit,
  resolveSession,
  revokeInvitation,
  safeEqual,
} from '@terroir/core';
import { requireRole, requireSession, sameOriginRequest, type AdminEnv } from './admin-auth';
import { readJson } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError, notFound } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { adminRoute, COOP_PATH, documentRoute, pathParams } from './admin-openapi';
import { acceptInvitationSchema, invitationSchema } from './security-schemas';
import { signIn } from './sign-in';
import { COOP, idParam } from './workspace-routes';

/** Where the admin app shows an invitation to its invitee (relative to the admin app's origin). */
export const acceptUrlFor = (code: string) => `/admin/#/accept/${code}`;

const tag = 'Workspace';
const PEOPLE = { roles: ['owner' as const], sessionOnly: true };
const InvitationRecord = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'editor', 'fulfilment']),
    status: z.enum(['pending', 'accepted', 'revoked']),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Invitation');

/** The invitation routes as the OpenAPI document shows them (handlers are plain: accept works with or without a session). */
const routes = [
  adminRoute({
    method: 'post',
    path: `${COOP_PATH}/invitations`,
    operationId: 'createInvitation',
    tag,
    summary: 'Invite an email address with a role (the same answer whether or not it has an account)',
    access: PEOPLE,
    params: pathParams(),
    body: invitationSchema,
    ok: {
      status: 201,
      schema: z.object({ invitation: InvitationRecord, code: z.string(), acceptUrl: z.string() }),
      description: 'The invitation and its single-use code (shown once; 7 days).',
    },
    errors: [422],
  }),
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/invitations`,
    operationId: 'listInvitations',
    tag,
    summary: 'Pending invitations',
    access: { roles: ['owner'] },
    params: pathParams(),
    ok: { status: 200, schema: z.object({ items: z.array(InvitationRecord) }), description: 'Pending, unexpired invitations.' },
  }),
  adminRoute({
    method: 'delete',
    path: `${COOP_PATH}/invitations/{invitationId}`,
    operationId: 'revokeInvitation',
    tag,
    summary: 'Revoke a pending invitation',
    access: PEOPLE,
    params: pathParams('invitationId'),
    ok: { status: 204, description: 'Revoked; the code stops working.' },
  }),
  adminRoute({
    method: 'post',
    path: '/admin/api/invitations/accept',
    operationId: 'acceptInvitation',
    tag: 'Session',
    summary: 'Accept an invitation: signed in as the invited email, or creating that account',
    description:
      'With a session cookie (and `x-csrf-token`), `{ code }`; without, `{ code, password, displayName? }` creates the account and signs it in. Expired, used, revoked and unknown codes all answer 410 `invitation_invalid`.',
    access: 'public',
    body: acceptInvitationSchema,
    ok: {
      status: 200,
      schema: z.looseObject({ cooperative: z.object({ id: z.string(), slug: z.string(), name: z.looseObject({}) }), role: z.string() }),
      description: 'Joined.',
    },
    errors: [403, 409, 410, 422],
  }),
];

/**
 * Membership by consent: an owner invites an email address with a role, and the person
 * behind it accepts with the single-use code (signed in with that email, or by creating the
 * account). The owner learns nothing about any account until then.
 */
export function registerInvitationRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  app.post(`${COOP}/invitations`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, invitationSchema);
    const actor = c.get('actor');
    let created: Awaited<ReturnType<typeof createInvitation>>;
    try {
      created = await createInvitation(ctx.db, {
        cooperativeId: coop.id,
        email: input.email,
        role: input.role,
        invitedBy: actor.kind === 'user' ? actor.userId : null,
      });
    } catch (error) {
      if (error instanceof AccountError) throw new ApiError(422, { code: error.code, message: error.message, field: error.field });
      throw error;
    }
    const { invitation, code } = created;
    await recordAudit(ctx.db, {
      cooperativeId: coop.id,
      actor,
      action: 'invitation.create',
      entity: 'invitation',
      entityId: invitation.id,
      after: { email: invitation.email, role: invitation.role },
    });
    return c.json({ invitation, code, acceptUrl: acceptUrlFor(code) }, 201);
  });

  app.get(`${COOP}/invitations`, requireRole('owner'), async (c) => c.json({ items: await listPendingInvitations(ctx.db, c.get('coop').id) }));

  app.delete(`${COOP}/invitations/:invitationId`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const revoked = await revokeInvitation(ctx.db, coop.id, idParam(c.req.param('invitationId')));
    if (!revoked) throw notFound();
    await recordAudit(ctx.db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'invitation.revoke',
      entity: 'invitation',
      entityId: revoked.id,
      before: { email: revoked.email, role: revoked.role },
    });
    return c.body(null, 204);
  });

  // With a session (CSRF-checked like every cookie write) the signed-in person accepts;
  // without one, the body's password creates the invited account, which is then signed in.
  app.post('/admin/api/invitations/accept', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new ApiError(403, { code: 'csrf_failed', message: errorMessage('accept_origin') });
    const cookie = getCookie(c, ctx.cookie.name);
    const session = cookie ? await resolveSession(ctx.db, cookie) : null;
    if (cookie && session && !safeEqual(c.req.header('x-csrf-token') ?? '', csrfTokenFor(cookie))) {
      throw new ApiError(403, { code: 'csrf_failed' });
    }
    const input = await readJson(c, acceptInvitationSchema);
    if (!session && !input.password)
      throw new ApiError(422, { code: 'password_required', message: errorMessage('accept_password_required'), field: 'password' });
    let result: Awaited<ReturnType<typeof acceptInvitation>>;
    try {
      result = await acceptInvitation(
        ctx.db,
        input.code.trim(),
        session ? { userId: session.user.id } : { newAccount: { password: input.password!, displayName: input.displayName, scryptParams: ctx.scryptParams } },
      );
    } catch (error) {
      if (error instanceof AccountError) throw new ApiError(422, { code: error.code, message: error.message, field: error.field });
      throw error;
    }
    switch (result.kind) {
      case 'invalid':
        throw new ApiError(410, { code: 'invitation_invalid' });
      case 'email_mismatch':
        throw new ApiError(403, { code: 'invitation_email_mismatch' });
      case 'sign_in_to_accept':
        throw new ApiError(409, { code: 'sign_in_to_accept' });
    }
    const { user, cooperative, role } = result;
    await recordAudit(ctx.db, {
      cooperativeId: cooperative.id,
      actor: { kind: 'user', userId: user.id, email: user.email },
      action: 'invitation.accept',
      entity: 'invitation',
      entityId: result.invitation.id,
      after: { email: user.email, role, createdAccount: result.createdAccount },
    });
    const signedIn = session ? null : await signIn(c, ctx, user, 'invitation');
    return c.json({ cooperative, role, ...(signedIn ? { csrfToken: signedIn.csrfToken, user: signedIn.user } : {}) });
  });
}
