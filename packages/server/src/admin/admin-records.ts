import { z } from '@hono/zod-openapi';
import { MEDIA_UPLOAD_KINDS, ORDER_STATUSES, PAYMENT_METHODS, ROLES } from '@terroir/core';
import { producerSchema, productSchema, settingsSchema, storyFields, variantSchema } from './admin-schemas';

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

const orderStatus = z.enum(ORDER_STATUSES);
const localizedName = z.looseObject({ 'zh-CN': z.string().optional(), en: z.string().optional() });

/** An order as the staff list shows it. */
export const OrderListItem = z
  .looseObject({
    id: z.string(),
    status: orderStatus,
    currency: z.string(),
    totalMinor: z.number().int(),
    refundedMinor: z.number().int(),
    fulfilment: z.object({
      type: z.enum(['pickup', 'delivery']),
      name: localizedName.nullable(),
      region: z.string().nullable(),
      contactName: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    email: z.string().nullable(),
    itemCount: z.number().int(),
    lineCount: z.number().int(),
    createdAt: timestamp,
    paidAt: timestamp.nullable(),
    nextStatuses: z.array(orderStatus),
    paymentProvider: z.string().openapi({ description: '`stripe`, `offline` (pay at pickup / on delivery), …' }),
    pickupCode: z.string().nullable().openapi({ description: 'Pay-at-pickup orders: the code the shopper shows (`K7M-4PX`).' }),
  })
  .openapi('OrderListItem');

/** One order with its lines and history, for the staff detail screen. */
export const OrderRecord = OrderListItem.extend({
  subtotalMinor: z.number().int(),
  fulfilmentFeeMinor: z.number().int(),
  locale: z.string(),
  address: z.record(z.string(), z.string()).nullable(),
  lines: z.array(
    z.looseObject({
      lineNo: z.number().int(),
      variantId: z.string(),
      productSlug: z.string(),
      title: localizedName,
      variantLabel: localizedName,
      unitPriceMinor: z.number().int(),
      quantity: z.number().int(),
      lineTotalMinor: z.number().int(),
      preorder: z.boolean(),
    }),
  ),
  history: z.array(z.looseObject({ from: orderStatus.nullable(), to: orderStatus, actor: z.string(), reason: z.string(), detail: z.unknown(), at: timestamp })),
}).openapi('Order');

export const OrderPage = z.looseObject({ items: z.array(OrderListItem), nextCursor: z.string().nullable() }).openapi('OrderPage');

/** The cooperative's settings as the workspace edits them. */
export const SettingsRecord = z.looseObject({ ...settingsSchema.shape, id: z.string(), slug: z.string() }).openapi('Settings');

const localizedText = z.looseObject({ 'zh-CN': z.string().optional(), en: z.string().optional() });
/** A pickup point or a delivery option (fees in integer minor units of `currency`). */
export const FulfilmentOptionRecord = z
  .discriminatedUnion('kind', [
    z.looseObject({ id: z.string(), kind: z.literal('pickup'), name: localizedText, address: localizedText, hours: localizedText, currency: z.string() }),
    z.looseObject({
      id: z.string(),
      kind: z.literal('delivery'),
      name: localizedText,
      flatFeeMinor: z.number().int().nullable(),
      regionFees: z.record(z.string(), z.number().int()),
      currency: z.string(),
    }),
  ])
  .openapi('FulfilmentOption');
export const CheckoutSettingsRecord = z
  .looseObject({ paymentMethods: z.array(z.enum(PAYMENT_METHODS)), maxLineQuantity: z.number().int(), offlinePayment: z.boolean().optional() })
  .openapi('CheckoutSettings');

/** An API token as owners list it; the secret is never part of it. */
export const ApiTokenRecord = z
  .looseObject({
    id: z.string(),
    cooperativeId: z.string(),
    role: z.enum(ROLES),
    name: z.string(),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .openapi('ApiToken');

/** One audit log entry: who did what to which record, with the changed values (before, after). */
export const AuditEntryRecord = z
  .looseObject({
    id: z.string(),
    cooperativeId: z.string().nullable(),
    actor: z.string(),
    userId: z.string().nullable(),
    apiTokenId: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
    at: timestamp,
  })
  .openapi('AuditEntry');
export const AuditPage = z.looseObject({ items: z.array(AuditEntryRecord), nextCursor: z.string().nullable() }).openapi('AuditPage');

/** A media library item; `url` is the default file, `files` every stored variant. */
export const MediaRecord = z
  .looseObject({
    id: z.string(),
    cooperativeId: z.string(),
    kind: z.enum(MEDIA_UPLOAD_KINDS),
    mimeType: z.string(),
    bytes: z.number().int(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    url: z.string(),
    files: z.array(z.looseObject({})),
    alt: localizedText,
    transcript: localizedText,
    caption: localizedText,
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('MediaItem');
