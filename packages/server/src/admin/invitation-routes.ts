import type { Hono } from 'hono';
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
import { AdminError, notFound } from './admin-errors';
import { acceptInvitationSchema, invitationSchema } from './security-schemas';
import { signIn } from './sign-in';
import { COOP, idParam } from './workspace-routes';

/** Where the admin app shows an invitation to its invitee (relative to the admin app's origin). */
export const acceptUrlFor = (code: string) => `/admin/#/accept/${code}`;

/**
 * Membership by consent: an owner invites an email address with a role, and the person
 * behind it accepts with the single-use code (signed in with that email, or by creating the
 * account). The owner learns nothing about any account until then.
 */
export function registerInvitationRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.post(`${COOP}/invitations`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, invitationSchema);
    const actor = c.get('actor');
    let created;
    try {
      created = await createInvitation(ctx.db, { cooperativeId: coop.id, email: input.email, role: input.role, invitedBy: actor.kind === 'user' ? actor.userId : null });
    } catch (error) {
      if (error instanceof AccountError) throw new AdminError(422, error.code, error.message, error.field);
      throw error;
    }
    const { invitation, code } = created;
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor, action: 'invitation.create', entity: 'invitation', entityId: invitation.id, after: { email: invitation.email, role: invitation.role } });
    return c.json({ invitation, code, acceptUrl: acceptUrlFor(code) }, 201);
  });

  app.get(`${COOP}/invitations`, requireRole('owner'), async (c) => c.json({ items: await listPendingInvitations(ctx.db, c.get('coop').id) }));

  app.delete(`${COOP}/invitations/:invitationId`, requireRole('owner'), requireSession(), async (c) => {
    const coop = c.get('coop');
    const revoked = await revokeInvitation(ctx.db, coop.id, idParam(c.req.param('invitationId')));
    if (!revoked) throw notFound();
    await recordAudit(ctx.db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'invitation.revoke', entity: 'invitation', entityId: revoked.id, before: { email: revoked.email, role: revoked.role } });
    return c.body(null, 204);
  });

  // With a session (CSRF-checked like every cookie write) the signed-in person accepts;
  // without one, the body's password creates the invited account, which is then signed in.
  app.post('/admin/api/invitations/accept', async (c) => {
    if (!sameOriginRequest(c, ctx)) throw new AdminError(403, 'csrf_failed', 'Accept the invitation from the admin page itself.');
    const cookie = getCookie(c, ctx.cookie.name);
    const session = cookie ? await resolveSession(ctx.db, cookie) : null;
    if (cookie && session && !safeEqual(c.req.header('x-csrf-token') ?? '', csrfTokenFor(cookie))) {
      throw new AdminError(403, 'csrf_failed', 'Missing or wrong CSRF token.');
    }
    const input = await readJson(c, acceptInvitationSchema);
    if (!session && !input.password) throw new AdminError(422, 'password_required', 'Choose a password for your new account, or sign in first.', 'password');
    let result;
    try {
      result = await acceptInvitation(
        ctx.db,
        input.code.trim(),
        session ? { userId: session.user.id } : { newAccount: { password: input.password!, displayName: input.displayName, scryptParams: ctx.scryptParams } },
      );
    } catch (error) {
      if (error instanceof AccountError) throw new AdminError(422, error.code, error.message, error.field);
      throw error;
    }
    switch (result.kind) {
      case 'invalid':
        throw new AdminError(410, 'invitation_invalid', 'This invitation has expired, was used already or was withdrawn. Ask for a new one.');
      case 'email_mismatch':
        throw new AdminError(403, 'invitation_email_mismatch', 'This invitation is for another email address. Sign in with that one.');
      case 'sign_in_to_accept':
        throw new AdminError(409, 'sign_in_to_accept', 'An account with this email exists: sign in, then open the invitation again.');
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
