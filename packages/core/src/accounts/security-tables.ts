/*
 * Row shapes of the tables added by migration 0005-security (same conventions as
 * db/schema.ts: ISO-8601 UTC text timestamps, booleans as 0/1).
 */

export interface InvitationsTable {
  id: string;
  cooperative_id: string;
  email: string;
  email_normalized: string;
  role: string;
  /** SHA-256 (hex) of the single-use code. */
  code_hash: string;
  status: 'pending' | 'accepted' | 'revoked';
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_by: string | null;
  finished_at: string | null;
}

export interface TwoFactorTable {
  user_id: string;
  /** Base32 TOTP secret once confirmed; null while only an enrolment is pending. */
  secret: string | null;
  pending_secret: string | null;
  enabled_at: string | null;
  /** The last accepted TOTP time step, so one code signs in once. */
  last_step: number;
  updated_at: string;
}

export interface RecoveryCodesTable {
  code_hash: string;
  user_id: string;
  used_at: string | null;
  created_at: string;
}

export interface TwoFactorChallengesTable {
  challenge_hash: string;
  user_id: string;
  ip: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface CooperativeSecurityTable {
  cooperative_id: string;
  require_owner_two_factor: number;
  updated_at: string;
}

export interface CheckoutClientsTable {
  order_id: string;
  cooperative_id: string;
  client_ip: string | null;
  cart_token: string | null;
  held_units: number;
  expires_at: string;
}

/** The tables added by 0005-security, merged into TerroirTables. */
export interface SecurityTables {
  invitations: InvitationsTable;
  two_factor: TwoFactorTable;
  recovery_codes: RecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  cooperative_security: CooperativeSecurityTable;
  checkout_clients: CheckoutClientsTable;
}
