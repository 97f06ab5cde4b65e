export const ROLES = ['owner', 'editor', 'fulfilment'] as const;
/**
 * A member's role in one cooperative: `owner` does everything and manages members and
 * tokens; `editor` keeps the catalog and stories; `fulfilment` handles orders only.
 */
export type Role = (typeof ROLES)[number];

/** True when `value` is a role name. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
