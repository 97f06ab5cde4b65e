// Validates response bodies against the response schemas of docs/openapi.json (JSON Schema
// 2020-12, as OpenAPI 3.1 uses). Objects are closed first (`additionalProperties: false` where
// the document says nothing), so a field the server adds without documenting it fails too.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, any>;
const document = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8')) as Json;

/** `#/components/…` references point into the closed (`closed#`) or the untouched (`open#`) copy. */
const rebase = (ref: string, into: 'closed' | 'open') => ref.replace(/^#\/components\//, `${into}#/components/`);

/** The untouched schema, references rebased into the open copy of the components. */
function open(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(open);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === '$ref' ? rebase(value as string, 'open') : open(value)]));
}

/**
 * The schema with every object closed where the document says nothing about extra properties.
 * An `allOf` (ProductDetail = ProductSummary + more) cannot close its branches (each would refuse
 * the other's fields): its branches stay open and the whole gets `unevaluatedProperties: false`.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema))
    copy[key] = key === '$ref' ? rebase(value as string, 'closed') : key === 'allOf' ? open(value) : closeObjects(value);
  if ('allOf' in copy && !('unevaluatedProperties' in copy)) copy.unevaluatedProperties = false;
  else if (copy.type === 'object' && copy.properties && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'closed', components: closeObjects(document.components) });
ajv.addSchema({ $id: 'open', components: open(document.components) });
const compiled = new Map<string, ValidateFunction>();

/** The operation (by operationId) of the storefront document. */
function operation(operationId: string): Json {
  for (const item of Object.values(document.paths as Json))
    for (const op of Object.values(item as Json)) if ((op as Json).operationId === operationId) return op as Json;
  throw new Error(`no operation ${operationId} in docs/openapi.json`);
}

/**
 * Null when `body` is what `operationId` documents for `status`; otherwise why not (an
 * undocumented status counts as a mismatch).
 */
export function responseMismatch(operationId: string, status: number, body: unknown): string | null {
  const response = operation(operationId).responses?.[String(status)];
  if (!response) return `${operationId}: status ${status} is not documented`;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === undefined || body === null || body === '' ? null : `${operationId} ${status}: documents no JSON body, got one`;
  const key = `${operationId} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(closeObjects(schema) as Json);
    compiled.set(key, validate);
  }
  if (validate(body)) return null;
  return `${key}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`;
}
