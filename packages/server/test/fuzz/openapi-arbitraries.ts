import fc from 'fast-check';

/*
 * fast-check arbitraries derived from the JSON Schemas of an OpenAPI 3.1 document: values
 * that fit the schema (so requests get past validation and reach the handlers), with a small
 * chance at every node of something hostile instead (a wrong type, NUL, a huge string, emoji,
 * SQL and full-text-search operators). Strings are often drawn from a pool of values the
 * fuzzer has seen in responses (ids, slugs, tokens), so requests name things that exist.
 */

/** A JSON Schema as found in an OpenAPI 3.1 document (only the keywords we generate from). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Resolves `#/components/...` references inside one document. */
export type SchemaResolver = (schema: JsonSchema) => JsonSchema;

/**
 * A value drawn from the pool of strings seen in responses, resolved when the request is
 * built (the pool grows during a run). `index` picks one; an empty pool gives `fallback`.
 */
export class KnownValue {
  constructor(
    readonly index: number,
    readonly fallback: string,
    /** The property or parameter name (`variantId`): values that look like it are preferred. */
    readonly hint = '',
  ) {}
}

/** Pool values that fit a name: `var_…` for `variantId`, any id for other `…Id` names, else all. */
export function candidatesFor(hint: string, pool: readonly string[]): readonly string[] {
  const lower = hint.toLowerCase();
  if (!/id$/.test(lower)) return pool;
  const ids = pool.filter((s) => /^[a-z]{2,6}_[A-Za-z0-9_-]{6,}$/.test(s));
  // An id's prefix abbreviates what it names (`prd_` product, `sty_` story): its letters
  // appear in order in the hint. Pickup points and delivery options share `ful_`.
  const prefixOf = (s: string) => s.slice(0, s.indexOf('_'));
  const abbreviates = (prefix: string) => {
    let at = 0;
    for (const ch of lower) if (ch === prefix[at]) at += 1;
    return at === prefix.length;
  };
  const typed = ids.filter((s) => lower.startsWith(prefixOf(s)) || abbreviates(prefixOf(s)) || (/pickup|option|fulfil/.test(lower) && prefixOf(s) === 'ful'));
  return typed.length > 0 ? typed : ids.length > 0 ? ids : pool;
}

/** Strings that have broken parsers, queries and renderers before. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\n\r\nX-Injected: 1',
  '🍐👩🏽‍🌾🇨🇳',
  '\ud800',
  '\uffff\ufeff\u202e',
  '莱阳梨'.repeat(40),
  "' OR '1'='1",
  "'; DROP TABLE products; --",
  '" OR ""="',
  '%',
  '%00',
  '%zz',
  '_',
  '\\',
  '*',
  '"',
  '"unterminated',
  'pear*',
  'NEAR(pear basket)',
  'pear AND NOT basket OR',
  'title:pear',
  '^pear',
  '(((',
  '-pear',
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '0x10',
  '1.5',
  'x'.repeat(5_000),
];

/**
 * `arbitrary` with probability `chance`, else undefined (fc.option's `freq` counts the other way).
 *
 * @example
 * sometimes(fc.nat(), 0.1) // undefined 9 times in 10
 */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, chance: number): fc.Arbitrary<T | undefined> {
  const yes = Math.max(1, Math.round(chance * 100));
  return fc.oneof({ weight: yes, arbitrary }, { weight: Math.max(1, 100 - yes), arbitrary: fc.constant(undefined) });
}

/** Values of every JSON type, for "wrong type" mutations. */
const wrongTypes: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 63),
  1e308,
  '',
  'x',
  [],
  [null],
  {},
  { __proto__: null, a: 1 },
  [[[]]],
);

/** A hostile value of any kind: a hostile or huge string, or a value of another type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: wrongTypes },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000, 70_000).map((n) => 'A'.repeat(n)) },
);

export interface ArbitraryOptions {
  resolve: SchemaResolver;
  /** Chance (0..1) that a node is replaced by a hostile value. */
  hostility: number;
}

const MAX_DEPTH = 7;

function stringFor(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
  const options: Array<fc.WeightedArbitrary<unknown>> = [
    // Names of references (`variantId`) mostly get a real id, so requests reach the handler's logic.
    { weight: /id$/i.test(name) ? 24 : 4, arbitrary: fc.nat().map((index) => new KnownValue(index, 'x'.repeat(Math.max(minLength, 1)), name)) },
    { weight: 3, arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, maxLength) }) },
  ];
  const hostile = HOSTILE_STRINGS.filter(fits);
  if (hostile.length > 0) options.push({ weight: 2, arbitrary: fc.constantFrom(...hostile) });
  if (schema.format === 'email') options.push({ weight: 12, arbitrary: fc.constantFrom('buyer@example.com', 'li.wei@village.test', 'a@b.co').filter(fits) });
  if (schema.format === 'uri' || schema.format === 'url') options.push({ weight: 3, arbitrary: fc.webUrl().filter(fits) });
  if (schema.format === 'date-time')
    options.push({
      weight: 3,
      arbitrary: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    });
  if (schema.pattern) {
    try {
      options.push({ weight: 4, arbitrary: fc.stringMatching(new RegExp(schema.pattern)).filter(fits) });
    } catch {
      // A pattern fast-check cannot generate from: the other strings still exercise it.
    }
  }
  return fc.oneof(...options);
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : undefined);
  const low = Math.max(Math.ceil(min ?? 1), -1000);
  const small = fc.integer({ min: low, max: Math.max(low, Math.min(Math.floor(max ?? 3), low + 5)) });
  const wide = integer
    ? fc.integer({ min: Math.ceil(min ?? Number.MIN_SAFE_INTEGER), max: Math.floor(max ?? Number.MAX_SAFE_INTEGER) })
    : fc.double({ min: min ?? -1e12, max: max ?? 1e12, noNaN: true, noDefaultInfinity: true });
  const edges = fc.constantFrom(...[min, max, 0, 1, -1, 0.5, 1e21, -0].filter((n): n is number => n !== undefined && (!integer || Number.isInteger(n))));
  return fc.oneof({ weight: 8, arbitrary: small }, { weight: 1, arbitrary: wide }, { weight: 1, arbitrary: edges });
}

/**
 * An arbitrary of values for one schema.
 *
 * @example
 * const body = arbitraryForSchema(doc.components.schemas.CheckoutRequest, { resolve, hostility: 0.03 });
 * fc.sample(body, 1); // [{ lines: [{ variantId: KnownValue, quantity: 2 }], fulfilment: {…}, locale: 'zh-CN' }]
 */
export function arbitraryForSchema(schema: JsonSchema, options: ArbitraryOptions, depth = 0, name = ''): fc.Arbitrary<unknown> {
  const valid = validArbitrary(options.resolve(schema), options, depth, name);
  if (options.hostility <= 0) return valid;
  const hostileWeight = 1;
  const validWeight = Math.max(1, Math.round((1 - options.hostility) / options.hostility));
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: hostileWeight, arbitrary: hostileValue });
}

function validArbitrary(schema: JsonSchema, options: ArbitraryOptions, depth: number, name: string): fc.Arbitrary<unknown> {
  const next = (s: JsonSchema, key = name) => arbitraryForSchema(s, options, depth + 1, key);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => next(alternative)));
  if (schema.allOf) {
    const parts = schema.allOf.map(options.resolve);
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of parts) {
      Object.assign(merged.properties!, part.properties);
      merged.required!.push(...(part.required ?? []));
    }
    return validArbitrary(merged, options, depth, name);
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : ['string', 'number', 'object'];
  const byType = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return numberFor(schema, true);
      case 'number':
        return numberFor(schema, false);
      case 'string':
        return stringFor(schema, name);
      case 'array':
        return fc.array(schema.items ? next(schema.items) : fc.constant(null), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
        });
      default: {
        const properties = schema.properties ?? {};
        const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, next(value, key)])), {
          requiredKeys: (schema.required ?? []).filter((k) => k in properties),
        });
        // Unknown keys too: a handler must ignore or refuse them, never trip on them.
        const extra = sometimes(
          fc.dictionary(
            fc.constantFrom('__proto__', 'constructor', 'priceMinor', 'totalMinor', 'id', 'cooperativeId', 'role', 'x'),
            fc.oneof(wrongTypes, fc.constantFrom(...HOSTILE_STRINGS.filter((h) => h.length < 100))),
            { minKeys: 1, maxKeys: 2 },
          ),
          0.1,
        );
        return fc.tuple(record, extra).map(([value, more]) => (more ? { ...more, ...value } : value));
      }
    }
  });
  if (schema.nullable) byType.push(fc.constant(null));
  return byType.length === 1 ? byType[0]! : fc.oneof(...byType);
}

/**
 * Replaces every {@link KnownValue} inside a generated value by a string from the pool.
 *
 * @example
 * resolveKnown({ id: new KnownValue(3, 'x') }, ['a', 'b']) // { id: 'b' }
 */
export function resolveKnown(value: unknown, pool: readonly string[]): unknown {
  if (value instanceof KnownValue) {
    const candidates = candidatesFor(value.hint, pool);
    return candidates.length === 0 ? value.fallback : candidates[value.index % candidates.length];
  }
  if (Array.isArray(value)) return value.map((v) => resolveKnown(v, pool));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: resolveKnown(v, pool), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
