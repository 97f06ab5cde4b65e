/*
 * Row shapes of the account tables (migration 0003-accounts), same conventions as
 * db/schema.ts: ISO-8601 UTC text timestamps, ids as text.
 */

export interface UsersTable {
  id: string;
  email: string;
  email_normalized: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash` (base64url): the cost travels with the hash. */
  password_hash: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  user_id: string;
  cooperative_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  cooperative_id: string;
  role: string;
  name: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  cooperative_id: string | null;
  user_id: string | null;
  api_token_id: string | null;
  /** Who acted, readable even after the user or token is gone (`user:alice@x`, `token:CI`). */
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON: the changed fields as `{ field: [before, after] }`, values shortened. */
  summary: string;
  at: string;
}

/** The tables added by 0003-accounts, merged into TerroirTables. */
export interface AccountTables {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}
