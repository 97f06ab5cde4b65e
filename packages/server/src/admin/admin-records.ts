import { z } from '@hono/zod-openapi';
import { producerSchema, productSchema, storyFields, variantSchema } from './admin-schemas';

/*
 * The records the admin API answers with, as the OpenAPI document describes them: the
 * fields a client sends plus the ones the server keeps (ids, currency, timestamps). Loose
 * objects, so a field added to a record later is not a breaking change for a validator.
 */

const id = z.string().openapi({ example: 'prd_01HQ3K7V2X' });
const timestamp = z.string().openapi({ format: 'date-time' });

export const VariantRecord = z.looseObject({ ...variantSchema.shape, id, productId: z.string(), currency: z.string() }).openapi('Variant');
export const ProducerRecord = z.looseObject({ ...producerSchema.shape, id, cooperativeId: z.string() }).openapi('Producer');
const productFields = { ...productSchema.shape, id, cooperativeId: z.string(), createdAt: timestamp, updatedAt: timestamp };
/** A product as lists show it: without its variants. */
export const ProductListItem = z.looseObject(productFields).openapi('ProductListItem');
export const ProductRecord = z.looseObject({ ...productFields, variants: z.array(VariantRecord) }).openapi('Product');
export const StoryRecord = z.looseObject({ ...storyFields.shape, id, cooperativeId: z.string(), createdAt: timestamp, updatedAt: timestamp }).openapi('Story');

/**
 * A page of an editing list: `nextOffset` is the offset of the next page, null on the last.
 *
 * @example
 * ok: { status: 200, schema: offsetPage(ProducerRecord, 'ProducerPage'), description: 'Producers.' }
 */
export function offsetPage<T extends z.ZodType>(item: T, name: string) {
  return z.looseObject({ items: z.array(item), nextOffset: z.number().int().nullable() }).openapi(name);
}
