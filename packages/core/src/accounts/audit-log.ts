import type { Kysely, Transaction } from 'kysely';
import { newId } from '../catalog/ids';
import type { TerroirTables } from '../db/schema';
import { z } from 'zod';
import { parseJsonColumn } from '../db/json-column';

const auditChangesSchema: z.ZodType<Record<string, [unknown, unknown]>> = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Who did something: a logged-in user or an API token. */
export type Actor = { kind: 'user'; userId: string; email: string } | { kind: 'token'; tokenId: string; name: string } | { kind: 'system'; name: string };

export interface AuditEntry {
  id: string;
  cooperativeId: string | null;
  actor: string;
  userId: string | null;
  apiTokenId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Record<string, [unknown, unknown]>;
  at: string;
}

const VALUE_LIMIT = 200;

function shorten(value: unknown): unknown {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return null;
  if (text.length <= VALUE_LIMIT) return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : text;
  return `${text.slice(0, VALUE_LIMIT)}…`;
}

/**
 * The fields that differ between two versions of a record, each value shortened: an audit
 * summary a person can read, not a copy of the data.
 *
 * @example
 * summarizeChanges({ price: 100, title: 'a' }, { price: 120, title: 'a' }) // { price: [100, 120] }
 */
export function summarizeChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const a = before?.[key];
    const b = after?.[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = [shorten(a), shorten(b)];
  }
  return changes;
}

function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.email}`;
  if (actor.kind === 'token') return `token:${actor.name}`;
  return `system:${actor.name}`;
}

/**
 * Appends an entry to the audit log, inside the caller's transaction when given one, so the
 * entry exists exactly when the change does.
 *
 * @example
 * await recordAudit(trx, { cooperativeId, actor, action: 'product.update', entity: 'product', entityId: id, before, after });
 */
export async function recordAudit(
  db: Db,
  input: {
    cooperativeId: string | null;
    actor: Actor;
    action: string;
    entity: string;
    entityId?: string | null;
    before?: object | null;
    after?: object | null;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId('aud'),
      cooperative_id: input.cooperativeId,
      user_id: input.actor.kind === 'user' ? input.actor.userId : null,
      api_token_id: input.actor.kind === 'token' ? input.actor.tokenId : null,
      actor: actorLabel(input.actor),
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId ?? null,
      summary: JSON.stringify(summarizeChanges(input.before as Record<string, unknown> | null, input.after as Record<string, unknown> | null)),
      at: new Date().toISOString(),
    })
    .execute();
}

/**
 * A cooperative's audit log, newest first, paged by a cursor (`at|id` of the last entry).
 *
 * @example
 * const { items, nextCursor } = await listAudit(db, coop.id, { limit: 50 });
 */
export async function listAudit(
  db: Db,
  cooperativeId: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  let query = db.selectFrom('audit_log').selectAll().where('cooperative_id', '=', cooperativeId);
  if (options.cursor) {
    const [at, id] = options.cursor.split('|');
    if (at && id) query = query.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    id: r.id,
    cooperativeId: r.cooperative_id,
    actor: r.actor,
    userId: r.user_id,
    apiTokenId: r.api_token_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    changes: parseJsonColumn(auditChangesSchema, r.summary, { table: 'audit_log', id: r.id, column: 'summary' }),
    at: r.at,
  }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > limit && last ? `${last.at}|${last.id}` : null };
}
