import type { Context } from 'hono';
import { z } from 'zod';
import { AdminError, validationError } from './admin-errors';

/**
 * Reads a JSON body and validates it: 415 for another content type, 400 for malformed
 * JSON, 422 with per-field issues for the wrong shape.
 *
 * @example
 * const input = await readJson(c, producerSchema);
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new AdminError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new AdminError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  return parseWith(schema, body);
}

/** Validates a value already in hand (a merged edit, a query) the same way. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

/** Validates the query string. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query());
}

const patchBody = z.record(z.string(), z.unknown());

/**
 * Applies a JSON merge patch (RFC 7396, one level deep) to a record's editable fields: a
 * field given replaces the current value, `null` removes an optional one. The result is
 * validated whole by the caller, so a patch can never leave a record in a state a create
 * would refuse.
 *
 * @example
 * const merged = parseWith(producerSchema, await readPatch(c, fields));
 */
export async function readPatch(c: Context, current: object): Promise<Record<string, unknown>> {
  const patch = await readJson(c, patchBody);
  // Spread, not assignment: a "__proto__" key stays an own property (and fails validation).
  const merged: Record<string, unknown> = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}
