import { randomBytes } from 'node:crypto';

/**
 * A new opaque id with a readable prefix (`prd_4f9c…`), 96 random bits: safe to show in URLs,
 * impossible to guess or enumerate.
 *
 * @example
 * newId('prd') // 'prd_9mZ0sQ3kT1bYc2Xv'
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
