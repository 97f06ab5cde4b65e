import type { Context } from 'hono';
import { z } from 'zod';
import { readJsonBody } from '../http/json-body';
import { validationError, type ValidationTarget } from '../http/zod-issues';

/*
 * Body and query reading for the few admin handlers that are not zod-openapi routes with
 * validators (uploads, CSV, login): the same JSON reading, the same issue mapper and the
 * same 400 as the validators of every other route.
 */

/**
 * Reads a JSON body and validates it: 415 for another content type, 400 `invalid_json` for
 * malformed JSON, 400 `invalid_body` with per-field issues for the wrong shape.
 *
 * @example
 * const input = await readJson(c, loginSchema);
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return parseWith(schema, await readJsonBody(c));
}

/**
 * Validates a value already in hand (a merged edit, form fields) like a body: 400
 * `invalid_body` naming the field.
 *
 * @example
 * const merged = parseWith(producerSchema, mergePatch(current, c.req.valid('json')));
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, target: ValidationTarget = 'json'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, target);
  return result.data;
}

/**
 * Validates the query string: 400 `invalid_parameter`.
 *
 * @example
 * const { dryRun } = readQuery(c, z.object({ dryRun: z.enum(['0', '1']).optional() }));
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseWith(schema, c.req.query(), 'query');
}

/**
 * Applies a JSON merge patch (RFC 7396, one level deep) to a record's editable fields: a
 * field given replaces the current value, `null` removes an optional one. The caller
 * validates the result whole, so a patch can never leave a record in a state a create would
 * refuse.
 *
 * @example
 * const merged = parseWith(producerSchema, mergePatch(fields, c.req.valid('json')));
 */
export function mergePatch(current: object, patch: Record<string, unknown>): Record<string, unknown> {
  // Spread, not assignment: a "__proto__" key stays an own property (and fails validation).
  const merged: Record<string, unknown> = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}

const patchBody = z.record(z.string(), z.unknown());

/**
 * Reads a JSON merge patch body and applies it to `current` (for handlers without a
 * validator; zod-openapi routes declare {@link patchSchemaOf} instead).
 *
 * @example
 * const merged = parseWith(mediaTextSchema, await readPatch(c, fields));
 */
export async function readPatch(c: Context, current: object): Promise<Record<string, unknown>> {
  return mergePatch(current, await readJson(c, patchBody));
}

/**
 * The merge-patch body schema of an object schema, for the OpenAPI document and the first
 * check: every field optional, `null` to remove it, no unknown fields.
 *
 * @example
 * const ProducerPatch = patchSchemaOf(producerFields);
 */
export function patchSchemaOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).nullable().optional()]));
  return z.strictObject(shape) as unknown as z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> }, z.core.$strict>;
}
