import { ROLES } from '@terroir/core';
import { z } from 'zod';

/** `POST …/invitations`: who to invite, with which role. Nothing else: no password, no name. */
export const invitationSchema = z.strictObject({ email: z.string().min(3).max(254), role: z.enum(ROLES) });
/** `POST /admin/api/invitations/accept`: the code, and a password when no one is signed in. */
export const acceptInvitationSchema = z.strictObject({
  code: z.string().min(1).max(200),
  password: z.string().min(1).max(256).optional(),
  displayName: z.string().max(100).optional(),
});
export const twoFactorSignInSchema = z.strictObject({ challenge: z.string().min(1).max(200), code: z.string().min(1).max(64) });
export const twoFactorConfirmSchema = z.strictObject({ code: z.string().min(1).max(64) });
export const twoFactorDisableSchema = z.strictObject({ password: z.string().min(1).max(256) });
export const securitySettingsSchema = z.strictObject({ requireOwnerTwoFactor: z.boolean().optional() });
